import { InvalidArgumentError } from '@taskbridge/core'
import { rejectionOf } from '@taskbridge/testkit'
import { afterEach, describe, expect, it } from 'vitest'
import { createMcpAdapter, type McpStartInput } from '../src/index.js'

const url = 'http://127.0.0.1:9/mcp'

// The contract's options section (test/contract.test.ts) covers the factory's
// options and MCP_URL; these are the inputs of its calls.
describe('createMcpAdapter checks what it is given, before any request', () => {
  afterEach(() => {
    delete process.env.MCP_URL
  })

  it.each([
    [{ tool: '' }, 'tool'],
    [{ tool: 'x', arguments: [1] }, 'arguments'],
    [{ tool: 'x', ttlMs: 1.5 }, 'ttlMs'],
  ])('startTask refuses %j', async (input, argument) => {
    const error = await rejectionOf(createMcpAdapter({ url }).startTask(input as unknown as McpStartInput))
    expect(error).toMatchObject({ name: 'InvalidArgumentError', argument })
  })

  it('answerTask refuses an empty answer, and inputResponses that are not an object', async () => {
    const adapter = createMcpAdapter({ url, form: 'extension' })
    expect(InvalidArgumentError.is(await rejectionOf(adapter.answerTask('t1', {})))).toBe(true)
    const raw = { inputResponses: 'yes' as unknown as Record<string, unknown> }
    expect(InvalidArgumentError.is(await rejectionOf(adapter.answerTask('t1', raw)))).toBe(true)
  })

  it('a pinned form fixes the capabilities; detection leaves list and answer on', () => {
    expect(createMcpAdapter({ url }).capabilities).toMatchObject({ list: true, answer: true, stream: true })
    expect(createMcpAdapter({ url, form: 'extension' }).capabilities).toMatchObject({ list: false, answer: true })
    expect(createMcpAdapter({ url, form: '2025-11-25' }).capabilities).toMatchObject({ list: true, answer: false })
  })
})
