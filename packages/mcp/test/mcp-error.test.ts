import { describe, expect, it } from 'vitest'
import { mcpErrorMessage } from '../src/mcp-error.js'

describe('mcpErrorMessage', () => {
  it('reads the JSON-RPC error of a refused request, with its code', () => {
    const body = {
      jsonrpc: '2.0',
      id: null,
      error: { code: -32000, message: 'Bad Request: No valid session ID provided' },
    }
    expect(mcpErrorMessage(body)).toBe('Bad Request: No valid session ID provided (JSON-RPC error -32000)')
  })

  it('says nothing for a body without a JSON-RPC error', () => {
    expect(mcpErrorMessage({ jsonrpc: '2.0', id: 1, result: {} })).toBeUndefined()
    expect(mcpErrorMessage({ error: 'not JSON-RPC' })).toBeUndefined()
  })
})
