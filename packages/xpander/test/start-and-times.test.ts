import { readFileSync } from 'node:fs'
import { type Task, UnsupportedOperationError } from '@taskbridge/core'
import { useEmulator } from '@taskbridge/test-support/use-emulator'
import { rejectionOf, startXpanderEmulator, XPANDER_SEED_AGENT_IDS, type XpanderEmulator } from '@taskbridge/testkit'
import { describe, expect, it } from 'vitest'
import { createXpanderAdapter, parseXpanderTask, type XpanderTaskPayload } from '../src/index.js'

const fixture = (name: string): XpanderTaskPayload =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8')) as XpanderTaskPayload

let emulator: XpanderEmulator

useEmulator(startXpanderEmulator, (started) => {
  emulator = started
})

const xpander = () =>
  createXpanderAdapter({ baseUrl: emulator.baseUrl, apiKey: emulator.apiKey, retry: { backoffLimitMs: 20 } })
const iso = (time: string | null | undefined) => new Date(time as string).toISOString()

describe('updatedAt of a full record, which has no updated_at', () => {
  it.each([
    ['pausedHitl', 'paused_at'],
    ['completedMarkdown', 'finished_at'],
    ['executingText', 'started_at'],
  ] as const)('is the latest of its own times (%s: %s)', (name, latest) => {
    const record = fixture(name)
    expect(record.updated_at).toBeUndefined()

    expect(parseXpanderTask(record).updatedAt?.toISOString()).toBe(iso(record[latest]))
  })

  it('is updated_at when the payload has one, as list items do', () => {
    const record = { ...fixture('completedMarkdown'), updated_at: '2026-02-01T00:00:00.000000Z' }

    expect(parseXpanderTask(record).updatedAt?.toISOString()).toBe('2026-02-01T00:00:00.000Z')
    expect(parseXpanderTask(record, { summary: true }).updatedAt?.toISOString()).toBe('2026-02-01T00:00:00.000Z')
  })

  it('is the same for a task read in full and listed, so it sorts the same', async () => {
    const adapter = xpander()
    const listed = new Map<string, Task>()
    for await (const task of adapter.listTasks()) listed.set(task.id, task)

    expect(listed.size).toBeGreaterThan(0)
    for (const [id, summary] of listed) {
      expect((await adapter.getTask(id)).updatedAt?.toISOString(), id).toBe(summary.updatedAt?.toISOString())
    }
  })
})

describe('startTask', () => {
  const input = { agentId: XPANDER_SEED_AGENT_IDS.writer, text: 'Draft the release notes' }

  it('asks for events (events_streaming: true), so the task can be streamed', async () => {
    const task = await xpander().startTask(input)

    const [invoke] = emulator.requests.filter((request) => request.route === 'invokeAsync')
    expect(invoke?.body).toMatchObject({ events_streaming: true })
    expect((task.raw as { events_streaming?: boolean }).events_streaming).toBe(true)
  })

  it('lets extra turn events off', async () => {
    await xpander().startTask({ ...input, extra: { events_streaming: false } })

    expect(emulator.requests.find((request) => request.route === 'invokeAsync')?.body).toMatchObject({
      events_streaming: false,
    })
  })

  it('refuses an idempotency key, which xpander cannot take', async () => {
    const error = await rejectionOf(xpander().startTask(input, { idempotencyKey: 'notes-1' }))

    expect(UnsupportedOperationError.is(error)).toBe(true)
    expect((error as Error).message).toContain('startWithoutIdempotency')
    expect(emulator.requests).toHaveLength(0)
  })
})
