import { afterEach, describe, expect, it, vi } from 'vitest'
import { type McpTaskResult, parseMcpTask } from '../src/index.js'
import { followTask, pollIntervalOf } from '../src/stream.js'

const at = (status: string, pollInterval?: number, lastUpdatedAt = '2026-01-01T00:00:00Z') =>
  parseMcpTask({ taskId: 't1', status, createdAt: '2026-01-01T00:00:00Z', lastUpdatedAt, ttl: null, pollInterval })

describe('streamTask polls at the pace the server asks for', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('reads again only once the task’s poll interval has passed', async () => {
    vi.useFakeTimers()
    const answers = [at('working', 2500), at('working', 2500, '2026-01-01T00:00:01Z'), at('completed', 2500)]
    const reads: number[] = []
    const getTask = async () => {
      reads.push(Date.now())
      return answers[Math.min(reads.length - 1, answers.length - 1)] as McpTaskResult
    }
    const seen: string[] = []
    const following = (async () => {
      for await (const task of followTask(getTask, 't1', {})) seen.push(task.providerStatus)
    })()
    await vi.advanceTimersByTimeAsync(2499)
    expect(reads).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(reads).toHaveLength(2)
    await vi.advanceTimersByTimeAsync(2500)
    await following
    expect(seen).toEqual(['working', 'working', 'completed'])
  })

  it('bounds what a server asks: none is 1 s, zero is not a spin, a day is a minute', () => {
    expect(pollIntervalOf(at('working'))).toBe(1000)
    expect(pollIntervalOf(at('working', 0))).toBe(10)
    expect(pollIntervalOf(at('working', 86_400_000))).toBe(60_000)
  })

  it('an abort ends the wait between two reads', async () => {
    const controller = new AbortController()
    const stream = followTask(async () => at('working', 60_000), 't1', { signal: controller.signal })
    await stream.next()
    const next = stream.next()
    controller.abort()
    await expect(next).rejects.toBe(controller.signal.reason)
  })
})
