import { InvalidPayloadError, TaskSchema } from '@taskbridge/core'
import { rejectionOf } from '@taskbridge/testkit'
import { describe, expect, it } from 'vitest'
import { MCP_STATUS_TABLE, mapMcpStatus, parseMcpTask } from '../src/index.js'

const times = { createdAt: '2026-03-01T10:00:00Z', lastUpdatedAt: '2026-03-01T10:00:05Z' }
const spec2025 = (status: string, extra: Record<string, unknown> = {}) => ({
  taskId: 'task-1',
  status,
  ...times,
  ttl: 60_000,
  pollInterval: 5000,
  ...extra,
})
const extension = (status: string, extra: Record<string, unknown> = {}) => ({
  resultType: 'complete',
  taskId: 'task-1',
  status,
  ...times,
  ttlMs: 60_000,
  pollIntervalMs: 5000,
  ...extra,
})

describe('parseMcpTask', () => {
  it('maps every status of both forms the same way', () => {
    for (const [status, expected] of Object.entries(MCP_STATUS_TABLE)) {
      const a = parseMcpTask(spec2025(status))
      const b = parseMcpTask(extension(status))
      expect([a.status, b.status]).toEqual([expected, expected])
      expect(a.reason).toBe(b.reason)
      expect(a.metadata).toMatchObject({ form: '2025-11-25', ttlMs: 60_000, pollIntervalMs: 5000 })
      expect(b.metadata).toMatchObject({ form: 'extension', ttlMs: 60_000, pollIntervalMs: 5000 })
    }
    expect(parseMcpTask(spec2025('input_required')).reason).toBe('input')
  })

  it('keeps a status it does not know as unknown, with providerStatus', () => {
    expect(parseMcpTask(spec2025('paused'))).toMatchObject({ status: 'unknown', providerStatus: 'paused' })
    expect(mapMcpStatus('constructor')).toBe('unknown')
  })

  it('reads dates, and the last update of an ended task as its end', () => {
    const task = parseMcpTask(spec2025('completed'))
    expect(task.createdAt?.toISOString()).toBe('2026-03-01T10:00:00.000Z')
    expect(task.finishedAt?.toISOString()).toBe('2026-03-01T10:00:05.000Z')
    expect(parseMcpTask(spec2025('working')).finishedAt).toBeUndefined()
  })

  it('gives the same Task for a 2025 task with its result read apart and an extension task inlining it', () => {
    const result = { content: [{ type: 'text', text: 'Sunny' }], isError: false }
    const apart = parseMcpTask({ task: spec2025('completed'), result })
    const inline = parseMcpTask(extension('completed', { result }))
    expect(apart.output).toEqual({ format: 'text', value: 'Sunny' })
    expect(inline.output).toEqual(apart.output)
    expect(apart.raw).toEqual({ task: spec2025('completed'), result })
  })

  it('a tool result with isError is failed, reason failed, in both forms', () => {
    const result = { content: [{ type: 'text', text: 'No such city' }], isError: true }
    for (const task of [
      parseMcpTask({ task: spec2025('completed'), result }),
      parseMcpTask(extension('completed', { result })),
    ]) {
      expect(task).toMatchObject({ status: 'failed', reason: 'failed', providerStatus: 'completed' })
      expect(task.error).toEqual({ message: 'No such city', code: 'isError' })
    }
  })

  it('takes the extension’s error of a failed task, and the status message before it', () => {
    const error = { code: -32603, message: 'Tool crashed' }
    expect(parseMcpTask(extension('failed', { error })).error).toEqual({
      message: 'Tool crashed',
      code: '-32603',
      details: error,
    })
    expect(parseMcpTask(spec2025('failed', { statusMessage: 'Out of disk' })).error?.message).toBe('Out of disk')
  })

  it('structured content is json output; other content is data, as received', () => {
    const structured = { content: [{ type: 'text', text: '{"t":21}' }], structuredContent: { t: 21 } }
    expect(parseMcpTask({ task: spec2025('completed'), result: structured }).output).toEqual({
      format: 'json',
      value: { t: 21 },
    })
    const image = { content: [{ type: 'image', data: 'iVBOR', mimeType: 'image/png' }] }
    expect(parseMcpTask({ task: spec2025('completed'), result: image }).output).toEqual({
      format: 'data',
      value: image.content,
    })
  })

  it('keeps the input requests of an input_required extension task', () => {
    const inputRequests = { name: { method: 'elicitation/create', params: { message: 'Your name?' } } }
    const task = parseMcpTask(extension('input_required', { inputRequests, statusMessage: 'Waiting' }))
    expect(task.metadata).toMatchObject({ inputRequests, statusMessage: 'Waiting' })
  })

  it('reads a 2025 CreateTaskResult ({task}) and JSON text; the Task survives JSON', () => {
    const task = parseMcpTask(JSON.stringify({ task: spec2025('working') }))
    expect(task.id).toBe('task-1')
    expect(TaskSchema.parse(JSON.parse(JSON.stringify(task))).status).toBe('running')
  })

  it('refuses what is not an MCP task, keeping it as raw', async () => {
    const payload = { id: 'x', state: 'done' }
    const error = await rejectionOf(Promise.resolve().then(() => parseMcpTask(payload)))
    expect(InvalidPayloadError.is(error)).toBe(true)
    expect((error as InvalidPayloadError).raw).toEqual(payload)
  })
})
