// xpander's task event stream, served by the emulator over real loopback
// SSE, followed with core's watchTask: changes pushed, a stream cut mid-task
// (polling takes over), a stream closed mid-task (subscribed again), and
// nothing repeated or missed either way.
import { createServer } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { InvalidPayloadError, type Task, TimeoutError, watchTask } from '@taskbridge/core'
import { useEmulator } from '@taskbridge/test-support/use-emulator'
import { rejectionOf, startXpanderEmulator, XPANDER_SEED_AGENT_IDS, type XpanderEmulator } from '@taskbridge/testkit'
import { describe, expect, it, vi } from 'vitest'
import { createXpanderAdapter } from '../src/index.js'

let emulator: XpanderEmulator

useEmulator(startXpanderEmulator, (started) => {
  emulator = started
})

const adapter = () =>
  createXpanderAdapter({ baseUrl: emulator.baseUrl, eventsBaseUrl: emulator.url, apiKey: emulator.apiKey })

async function started(): Promise<Task> {
  return adapter().startTask({ agentId: XPANDER_SEED_AGENT_IDS.writer, text: 'Draft the release notes' })
}

async function drain(tasks: AsyncIterable<Task>): Promise<void> {
  for await (const _ of tasks);
}

const requestsTo = (route: string) => emulator.requests.filter((request) => request.route === route).length

const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5))
}

/** Waits until `count` streams have been opened and the task read after the last of them. */
async function listening(count: number): Promise<void> {
  await until(() => requestsTo('streamTask') >= count && requestsTo('getTask') >= 2 * count)
}

describe('xpander task events', () => {
  it('streamTask opens the stream, yields the task as it is then, then each change pushed, and ends with the task', async () => {
    const task = await started()
    const seen: string[] = []
    const stream = (async () => {
      for await (const each of adapter().streamTask(task.id)) seen.push(each.providerStatus)
    })()
    await listening(1)
    await until(() => seen.length === 1)
    emulator.clock.advance(1000)
    await until(() => seen.length === 2)
    emulator.clock.advance(4000)
    await stream
    expect(seen).toEqual(['pending', 'executing', 'completed'])
    expect(requestsTo('streamTask')).toBe(1)
    const served = emulator.requests.find((request) => request.route === 'streamTask')
    expect(served?.headers.accept).toBe('text/event-stream')
    expect(served?.headers['x-api-key']).toBe(emulator.apiKey)
  })

  it('watchTask polls once the stream is cut mid-task, missing nothing and repeating nothing', async () => {
    const task = await started()
    const watch = watchTask(adapter(), task.id, { intervalMs: 10, maxIntervalMs: 10 })[Symbol.asyncIterator]()
    // The first state is read once the stream is open.
    expect((await watch.next()).value?.providerStatus).toBe('pending')
    const second = watch.next()
    emulator.clock.advance(1000)
    expect((await second).value?.providerStatus).toBe('executing')
    const readsBefore = requestsTo('getTask')
    const next = watch.next()
    emulator.endStreams('reset')
    emulator.clock.advance(4000)
    expect((await next).value?.providerStatus).toBe('completed')
    expect((await watch.next()).done).toBe(true)
    expect(requestsTo('streamTask')).toBe(1)
    expect(requestsTo('getTask')).toBeGreaterThan(readsBefore)
  })

  it('watchTask subscribes again when the stream closes cleanly mid-task', async () => {
    const task = await started()
    const statuses: string[] = []
    const watch = (async () => {
      for await (const each of watchTask(adapter(), task.id, { intervalMs: 10 })) statuses.push(each.providerStatus)
    })()
    await listening(1)
    await until(() => statuses.length === 1)
    emulator.clock.advance(1000)
    await until(() => statuses.length === 2)
    emulator.endStreams('close')
    await until(() => requestsTo('streamTask') === 2)
    emulator.clock.advance(4000)
    await watch
    expect(statuses).toEqual(['pending', 'executing', 'completed'])
  })

  it('keeps the stream open past the adapter’s timeoutMs, which bounds the wait for its headers only', async () => {
    const task = await started()
    const seen: string[] = []
    const shortLimit = createXpanderAdapter({
      baseUrl: emulator.baseUrl,
      eventsBaseUrl: emulator.url,
      apiKey: emulator.apiKey,
      // Ample for the headers on a loaded machine, and well under the wait below.
      timeoutMs: 3000,
    })
    const stream = (async () => {
      for await (const each of shortLimit.streamTask(task.id)) seen.push(each.providerStatus)
    })()
    await listening(1)
    await until(() => seen.length === 1)
    // Past the 3 s limit: a limit on the whole response would have cut the stream by now.
    await new Promise((resolve) => setTimeout(resolve, 4000))
    emulator.clock.advance(5000)
    await stream
    expect(seen).toEqual(['pending', 'completed'])
    expect(requestsTo('streamTask')).toBe(1)
  })

  it('ends at once for a task that has already ended, with no stream opened', async () => {
    const task = await started()
    emulator.clock.advance(10_000)
    const seen: string[] = []
    for await (const each of adapter().streamTask(task.id)) seen.push(each.providerStatus)
    expect(seen).toEqual(['completed'])
    expect(requestsTo('streamTask')).toBe(0)
  })

  it('a route that answers JSON instead of an event stream is an InvalidPayloadError that keeps the answer', async () => {
    const task = await started()
    // The task's own route answers JSON: what a wrong eventsRoute would reach.
    const misrouted = createXpanderAdapter({
      baseUrl: emulator.baseUrl,
      eventsBaseUrl: emulator.baseUrl,
      eventsRoute: 'GET /tasks/{id}',
      apiKey: emulator.apiKey,
    })
    const error = await rejectionOf(drain(misrouted.streamTask(task.id)))
    expect(InvalidPayloadError.is(error)).toBe(true)
    expect(error).toMatchObject({ raw: expect.objectContaining({ id: task.id }) })
    expect((error as Error).message).toContain('application/json, not an event stream')
  })
})

// The collector, without starting node with --expose-gc.
setFlagsFromString('--expose-gc')
const collectGarbage = runInNewContext('gc') as () => void

describe('xpander task events: streams that end when asked, with only their own task', () => {
  it('streamTask drops an event about another task instead of ending with it', async () => {
    const task = await started()
    const other = emulator.createTask('completed')
    const otherEvent = { type: 'task_finished', task_id: other, data: emulator.tasks.get(other)?.data }
    emulator.faults.inject('streamTask', {
      type: 'raw',
      status: 200,
      contentType: 'text/event-stream',
      text: `event: task_finished\ndata: ${JSON.stringify(otherEvent)}\n\n`,
    })
    const seen: string[] = []
    for await (const each of adapter().streamTask(task.id)) seen.push(`${each.id === task.id ? 'own' : each.id}`)
    expect(seen).toEqual(['own'])
  })

  it('watchTask’s timeoutMs ends a silent stream, also after garbage collection has run', async () => {
    const task = await started()
    // The deadline runs on fake time: a loaded machine may take longer than
    // the timeout to deliver the first event over real loopback HTTP.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    try {
      const watch = watchTask(adapter(), task.id, { timeoutMs: 300 })[Symbol.asyncIterator]()
      expect((await watch.next()).value?.providerStatus).toBe('pending')
      // Nothing moves on the emulator's clock: the stream stays open and silent until the deadline.
      const next = watch.next()
      collectGarbage()
      vi.advanceTimersByTime(300)
      expect(TimeoutError.is(await rejectionOf(next))).toBe(true)
    } finally {
      vi.useRealTimers()
    }
  }, 20_000)
})

describe('xpander task events: leaving a watch closes its stream', () => {
  /** An events host that sends keep-alives only and counts its open connections. */
  async function keepAliveEventsHost() {
    const sockets = new Set<Socket>()
    const server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' })
      response.write(': keep-alive\n\n')
    })
    server.on('connection', (socket) => {
      sockets.add(socket)
      socket.on('close', () => sockets.delete(socket))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    const close = () => {
      server.closeAllConnections()
      return new Promise((resolve) => server.close(resolve))
    }
    return { url, open: () => sockets.size, close }
  }

  it.each(['break', 'abort'])('closes the connection on %s', async (how) => {
    const host = await keepAliveEventsHost()
    try {
      const task = await started()
      const watched = createXpanderAdapter({
        baseUrl: emulator.baseUrl,
        eventsBaseUrl: host.url,
        apiKey: emulator.apiKey,
      })
      const controller = new AbortController()
      const seen: string[] = []
      const watch = (async () => {
        for await (const each of watchTask(watched, task.id, { signal: controller.signal })) {
          seen.push(each.providerStatus)
          // The first state is read once the stream is open.
          if (how === 'break') break
          controller.abort(new Error('stop'))
        }
      })()
      await (how === 'break' ? watch : rejectionOf(watch))
      expect(seen).toEqual(['pending'])
      await until(() => host.open() === 0)
      expect(host.open()).toBe(0)
    } finally {
      await host.close()
    }
  })
})
