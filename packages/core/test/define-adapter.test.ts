import { describe, expect, it } from 'vitest'
import {
  type AdapterDefinition,
  type CallOptions,
  defineAdapter,
  InvalidArgumentError,
  type ListQuery,
  type Operation,
  ProviderApiError,
  RateLimitError,
  type Task,
  TaskbridgeError,
  TaskNotFoundError,
  type TaskStatus,
  UnsupportedOperationError,
} from '../src/index.js'
import { makeTask, rejectionOf, thrownBy, untilAborted } from './support.js'

interface Call {
  operation: Operation
  id?: string
  query?: ListQuery
  options: CallOptions
}

/** An in-memory provider that records every call its operations receive. */
function memoryProvider() {
  const calls: Call[] = []
  const operation =
    (name: Exclude<Operation, 'listTasks' | 'startTask'>) =>
    async (id: string, options: CallOptions): Promise<Task> => {
      calls.push({ operation: name, id, options })
      return makeTask({ id, provider: 'memory' })
    }
  return {
    calls,
    getTask: operation('getTask'),
    pauseTask: operation('pauseTask'),
    resumeTask: operation('resumeTask'),
    cancelTask: operation('cancelTask'),
  }
}

/** A paged list source that records which pages it fetched and whether its `finally` ran. */
function pagedSource(pages: Task[][]) {
  const state = { pagesFetched: 0, closed: false, queries: [] as ListQuery[] }
  async function* listTasks(query: ListQuery): AsyncGenerator<Task> {
    state.queries.push(query)
    try {
      for (const page of pages) {
        state.pagesFetched += 1
        yield* page
      }
    } finally {
      state.closed = true
    }
  }
  return { state, listTasks }
}

const pages = [
  [makeTask({ id: 'a' }), makeTask({ id: 'b' })],
  [makeTask({ id: 'c' }), makeTask({ id: 'd' })],
  [makeTask({ id: 'e' })],
]

async function collect(tasks: AsyncIterable<Task>): Promise<string[]> {
  const ids: string[] = []
  for await (const task of tasks) ids.push(task.id)
  return ids
}

function getTaskOnly(definition: Partial<AdapterDefinition> = {}) {
  const provider = memoryProvider()
  const adapter = defineAdapter({ provider: 'memory', getTask: provider.getTask, ...definition })
  return { adapter, calls: provider.calls }
}

function fullAdapter() {
  const provider = memoryProvider()
  const adapter = defineAdapter({
    provider: 'memory',
    getTask: provider.getTask,
    listTasks: pagedSource(pages).listTasks,
    startTask: async (input: { goal: string }) => makeTask({ id: `started-${input.goal}`, provider: 'memory' }),
    async *streamTask(id: string) {
      yield makeTask({ id, provider: 'memory' })
    },
    pauseTask: provider.pauseTask,
    resumeTask: provider.resumeTask,
    answerTask: async (id: string) => makeTask({ id, provider: 'memory' }),
    cancelTask: provider.cancelTask,
  })
  return { adapter, calls: provider.calls }
}

describe('defineAdapter: capabilities', () => {
  it('has only get when only getTask is given', () => {
    expect(getTaskOnly().adapter.capabilities).toEqual({
      get: true,
      list: false,
      start: false,
      idempotentStart: false,
      stream: false,
      pause: false,
      resume: false,
      answer: false,
      cancel: false,
    })
  })

  it('has every capability when every operation is given', () => {
    expect(fullAdapter().adapter.capabilities).toEqual({
      get: true,
      list: true,
      start: true,
      idempotentStart: false,
      stream: true,
      pause: true,
      resume: true,
      answer: true,
      cancel: true,
    })
  })

  it('cannot be changed afterwards', () => {
    const { capabilities } = getTaskOnly().adapter

    expect(Object.isFrozen(capabilities)).toBe(true)
    expect(() => Object.assign(capabilities, { list: true })).toThrow(TypeError)
    expect(capabilities.list).toBe(false)
  })
})

describe('defineAdapter: missing operations', () => {
  it.each(['pauseTask', 'resumeTask', 'cancelTask'] as const)(
    '%s rejects with UnsupportedOperationError and sends nothing',
    async (operation) => {
      const { adapter, calls } = getTaskOnly({
        unsupportedReasons: { [operation]: 'the provider has no such endpoint' },
      })

      const error = await rejectionOf(adapter[operation]('task-1'))

      expect(UnsupportedOperationError.is(error)).toBe(true)
      expect(error).toMatchObject({ operation, provider: 'memory' })
      expect((error as Error).message).toContain('the provider has no such endpoint')
      expect(calls).toEqual([])
    },
  )

  it('listTasks throws UnsupportedOperationError on the first iteration', async () => {
    const { adapter } = getTaskOnly({ unsupportedReasons: { listTasks: 'no search endpoint' } })
    const iterator = adapter.listTasks()[Symbol.asyncIterator]()

    const error = await rejectionOf(iterator.next())

    expect(UnsupportedOperationError.is(error)).toBe(true)
    expect(error).toMatchObject({ operation: 'listTasks', provider: 'memory' })
    expect((error as Error).message).toContain('no search endpoint')
  })
})

describe('defineAdapter: ids', () => {
  it.each([
    ['empty', ''],
    ['blank', '   '],
    ['not a string', 42 as unknown as string],
    ['"."', '.'],
    ['".."', '..'],
    ['with a newline', 'task\n1'],
    ['1025 characters long', 'x'.repeat(1025)],
    ['a lone high surrogate', '\uD800'],
    ['a lone low surrogate', 'task-\uDC00-1'],
  ])('rejects an id that is %s before any call', async (_, id) => {
    const { adapter, calls } = fullAdapter()

    for (const operation of ['getTask', 'pauseTask', 'resumeTask', 'cancelTask'] as const) {
      const error = await rejectionOf(adapter[operation](id))

      expect(InvalidArgumentError.is(error), operation).toBe(true)
      expect(error).toMatchObject({ argument: 'id', provider: 'memory' })
    }
    expect(calls).toEqual([])
  })

  it.each([
    ['a slash', 'workflows/123'],
    ['a query', 'task?projectID=p1'],
    ['a fragment', 'task#1'],
    ['unicode', 'tâche-タスク-🚀'],
    ['1024 characters', 'x'.repeat(1024)],
  ])('passes an id with %s through unchanged', async (_, id) => {
    const { adapter, calls } = fullAdapter()

    const task = await adapter.getTask(id)

    expect(calls).toEqual([{ operation: 'getTask', id, options: {} }])
    expect(task.id).toBe(id)
  })
})

describe('defineAdapter: call options', () => {
  it('passes timeoutMs and headers to the operation', async () => {
    const { adapter, calls } = fullAdapter()

    await adapter.cancelTask('task-1', { timeoutMs: 500, headers: { 'x-trace': '1' } })

    expect(calls).toEqual([
      { operation: 'cancelTask', id: 'task-1', options: { timeoutMs: 500, headers: { 'x-trace': '1' } } },
    ])
  })

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 31])(
    'rejects timeoutMs %s before any call',
    async (timeoutMs) => {
      const { adapter, calls } = fullAdapter()

      const error = await rejectionOf(adapter.getTask('task-1', { timeoutMs }))

      expect(InvalidArgumentError.is(error)).toBe(true)
      expect(error).toMatchObject({ argument: 'timeoutMs' })
      expect(calls).toEqual([])
    },
  )

  it('rejects with the reason of an already aborted signal, before any call', async () => {
    const { adapter, calls } = fullAdapter()
    const controller = new AbortController()
    const reason = new Error('user left')
    controller.abort(reason)

    await expect(adapter.getTask('task-1', { signal: controller.signal })).rejects.toBe(reason)
    expect(calls).toEqual([])
  })

  it('lets an abort during the call through as the AbortError, unwrapped', async () => {
    const controller = new AbortController()
    const adapter = defineAdapter({
      provider: 'memory',
      getTask: (_, { signal }) => untilAborted(signal),
    })

    const pending = adapter.getTask('task-1', { signal: controller.signal })
    controller.abort()
    const error = await rejectionOf(pending)

    expect(error).toBe(controller.signal.reason)
    expect((error as Error).name).toBe('AbortError')
    expect(TaskbridgeError.is(error)).toBe(false)
  })
})

describe('defineAdapter: validateId', () => {
  it('applies the provider rule before any call', async () => {
    const calls: string[] = []
    const adapter = defineAdapter({
      provider: 'memory',
      getTask: async (id) => {
        calls.push(id)
        return makeTask({ id })
      },
      validateId: (id) => (id.includes('/') ? 'a task id cannot contain "/"' : undefined),
    })

    const error = await rejectionOf(adapter.getTask('a/b'))
    expect(InvalidArgumentError.is(error)).toBe(true)
    expect((error as Error).message).toBe('[memory] getTask: a task id cannot contain "/"')
    expect(calls).toEqual([])
    await expect(adapter.getTask('ab')).resolves.toMatchObject({ id: 'ab' })
  })
})

describe('defineAdapter: aborts', () => {
  it('rejects at once on abort even when the operation ignores its signal', async () => {
    const controller = new AbortController()
    const adapter = defineAdapter({ provider: 'memory', getTask: () => new Promise<Task>(() => {}) })

    const pending = adapter.getTask('task-1', { signal: controller.signal })
    controller.abort()

    expect(await rejectionOf(pending)).toBe(controller.signal.reason)
  })
})

describe('defineAdapter: errors from operations', () => {
  it.each([
    ['an Error', new Error('boom')],
    ['a string', 'boom'],
  ])('wraps %s thrown by an operation in a TaskbridgeError naming the provider', async (_, thrown) => {
    const adapter = defineAdapter({
      provider: 'memory',
      getTask: async () => {
        throw thrown
      },
    })

    const error = await rejectionOf(adapter.getTask('task-1'))

    expect(TaskbridgeError.is(error)).toBe(true)
    expect(error).toMatchObject({ provider: 'memory', cause: thrown })
    expect((error as Error).message).toMatch(/^\[memory\] .*boom/)
  })

  it('lets a TaskbridgeError thrown by an operation through unchanged', async () => {
    const notFound = new TaskNotFoundError({ provider: 'memory', message: 'no task', taskId: 'task-1' })
    const adapter = defineAdapter({
      provider: 'memory',
      getTask: async () => {
        throw notFound
      },
      cancelTask: async () => {
        throw notFound
      },
    })

    await expect(adapter.getTask('task-1')).rejects.toBe(notFound)
    await expect(adapter.cancelTask('task-1')).rejects.toBe(notFound)
  })
})

describe('defineAdapter: listTasks', () => {
  it('yields every task of every page', async () => {
    const source = pagedSource(pages)
    const adapter = defineAdapter({
      provider: 'memory',
      getTask: memoryProvider().getTask,
      listTasks: source.listTasks,
    })

    expect(await collect(adapter.listTasks())).toEqual(['a', 'b', 'c', 'd', 'e'])
    expect(source.state.closed).toBe(true)
  })

  it('passes the query to the source', async () => {
    const source = pagedSource(pages)
    const adapter = defineAdapter({
      provider: 'memory',
      getTask: memoryProvider().getTask,
      listTasks: source.listTasks,
    })
    const query: ListQuery = { status: ['running', 'paused'], pageSize: 50, createdAfter: new Date(0) }

    await collect(adapter.listTasks(query))

    expect(source.state.queries).toEqual([query])
  })

  it('stops at limit and closes the source, so no further page is fetched', async () => {
    const source = pagedSource(pages)
    const adapter = defineAdapter({
      provider: 'memory',
      getTask: memoryProvider().getTask,
      listTasks: source.listTasks,
    })

    expect(await collect(adapter.listTasks({ limit: 3 }))).toEqual(['a', 'b', 'c'])
    expect(source.state.pagesFetched).toBe(2)
    expect(source.state.closed).toBe(true)
  })

  it('closes the source when the consumer breaks out early', async () => {
    const source = pagedSource(pages)
    const adapter = defineAdapter({
      provider: 'memory',
      getTask: memoryProvider().getTask,
      listTasks: source.listTasks,
    })

    for await (const task of adapter.listTasks()) {
      expect(task.id).toBe('a')
      break
    }

    expect(source.state.pagesFetched).toBe(1)
    expect(source.state.closed).toBe(true)
  })

  it.each<[string, ListQuery]>([
    ['status', { status: 'RUNNING' as TaskStatus }],
    ['status', { status: ['running', 'RUNNING' as TaskStatus] }],
    ['pageSize', { pageSize: 0 }],
    ['limit', { limit: 1.5 }],
    ['createdAfter', { createdAfter: new Date('not a date') }],
  ])('rejects a bad %s before the source is called', async (argument, query) => {
    const source = pagedSource(pages)
    const adapter = defineAdapter({
      provider: 'memory',
      getTask: memoryProvider().getTask,
      listTasks: source.listTasks,
    })

    const error = await rejectionOf(collect(adapter.listTasks(query)))

    expect(InvalidArgumentError.is(error)).toBe(true)
    expect(error).toMatchObject({ argument, provider: 'memory' })
    expect(source.state.queries).toEqual([])
  })

  it('wraps a plain error thrown between pages, after the tasks already yielded', async () => {
    const broken = new Error('page 2 broke')
    const adapter = defineAdapter({
      provider: 'memory',
      getTask: memoryProvider().getTask,
      async *listTasks() {
        yield makeTask({ id: 'a' })
        throw broken
      },
    })
    const seen: string[] = []

    const error = await rejectionOf(
      (async () => {
        for await (const task of adapter.listTasks()) seen.push(task.id)
      })(),
    )

    expect(seen).toEqual(['a'])
    expect(TaskbridgeError.is(error)).toBe(true)
    expect(error).toMatchObject({ provider: 'memory', cause: broken })
    expect((error as Error).message).toContain('page 2 broke')
  })

  it('lets a TaskbridgeError thrown between pages through unchanged', async () => {
    const rateLimited = new RateLimitError({ provider: 'memory', message: 'slow down', retryAfterMs: 1000 })
    const adapter = defineAdapter({
      provider: 'memory',
      getTask: memoryProvider().getTask,
      async *listTasks() {
        yield makeTask({ id: 'a' })
        throw rateLimited
      },
    })

    await expect(collect(adapter.listTasks())).rejects.toBe(rateLimited)
  })
})

describe('defineAdapter: definition', () => {
  it.each(['', '  '])('refuses the provider name %j', (provider) => {
    const error = thrownBy(() => defineAdapter({ provider, getTask: memoryProvider().getTask }))

    expect(InvalidArgumentError.is(error)).toBe(true)
    expect(error).toMatchObject({ argument: 'provider' })
  })

  it.each(['', '  ', undefined])('refuses the adapter name %j', (name) => {
    const error = thrownBy(() => defineAdapter({ name, getTask: memoryProvider().getTask } as AdapterDefinition))

    expect(InvalidArgumentError.is(error)).toBe(true)
    expect(error).toMatchObject({ argument: 'name' })
  })

  it('refuses a definition without getTask', () => {
    const error = thrownBy(() => defineAdapter({ provider: 'memory' } as AdapterDefinition))

    expect(InvalidArgumentError.is(error)).toBe(true)
    expect(error).toMatchObject({ argument: 'getTask' })
  })
})

describe('defineAdapter: startTask', () => {
  it('starts through the definition, with the input as given', async () => {
    const task = await fullAdapter().adapter.startTask({ goal: 'report' })

    expect(task).toMatchObject({ id: 'started-report', provider: 'memory' })
  })

  it('rejects with UnsupportedOperationError when the provider cannot start work', async () => {
    const error = await rejectionOf(
      getTaskOnly({ unsupportedReasons: { startTask: 'no such API' } }).adapter.startTask({}),
    )

    expect(UnsupportedOperationError.is(error)).toBe(true)
    expect(error).toMatchObject({ operation: 'startTask' })
    expect((error as Error).message).toContain('no such API')
  })

  it('checks the call options before starting anything', async () => {
    let started = 0
    const adapter = defineAdapter({
      provider: 'memory',
      getTask: memoryProvider().getTask,
      startTask: async () => {
        started += 1
        return makeTask()
      },
    })

    const error = await rejectionOf(adapter.startTask({}, { timeoutMs: -1 }))

    expect(InvalidArgumentError.is(error)).toBe(true)
    expect(started).toBe(0)
  })
})

describe('defineAdapter: the adapter name on its tasks', () => {
  it('gives every task the adapter name, whatever the operation returned', async () => {
    const parsedAs = makeTask({ id: 'x', provider: 'orkes' })
    const adapter = defineAdapter({
      provider: 'orkes-workflows',
      getTask: async () => parsedAs,
      startTask: async () => parsedAs,
      cancelTask: async () => parsedAs,
      async *listTasks() {
        yield parsedAs
      },
    })

    const tasks = [
      await adapter.getTask('x'),
      await adapter.startTask({}),
      await adapter.cancelTask('x'),
      ...(await (async () => {
        const listed: Task[] = []
        for await (const task of adapter.listTasks()) listed.push(task)
        return listed
      })()),
    ]

    expect(tasks.map((task) => task.provider)).toEqual(Array(4).fill('orkes-workflows'))
    expect(parsedAs.provider).toBe('orkes')
  })
})

describe('defineAdapter: cancelling a task that has ended', () => {
  function refusingProvider(status: TaskStatus, refusal: Error) {
    const reads: string[] = []
    const adapter = defineAdapter({
      provider: 'memory',
      getTask: async (id) => {
        reads.push(id)
        return makeTask({ id, provider: 'memory', status, providerStatus: status.toUpperCase() })
      },
      cancelTask: async () => {
        throw refusal
      },
    })
    return { adapter, reads }
  }

  const conflict = () =>
    new ProviderApiError({ provider: 'memory', status: 409, message: 'Workflow has ended, status cannot be updated.' })

  it.each(['completed', 'failed', 'cancelled', 'timed_out'] as const)(
    'returns a %s task as it is when the provider refuses the cancel',
    async (status) => {
      const { adapter, reads } = refusingProvider(status, conflict())

      const task = await adapter.cancelTask('t-1')

      expect(task).toMatchObject({ id: 't-1', status, providerStatus: status.toUpperCase() })
      expect(reads).toEqual(['t-1'])
    },
  )

  it('keeps the refusal when the task has not ended', async () => {
    const refusal = conflict()
    const { adapter } = refusingProvider('running', refusal)

    await expect(adapter.cancelTask('t-1')).rejects.toBe(refusal)
  })

  it.each([
    ['a server error', () => new ProviderApiError({ provider: 'memory', status: 503, message: 'unavailable' })],
    ['an unknown id', () => new TaskNotFoundError({ provider: 'memory', status: 404, message: 'no such task' })],
  ])('does not read the task after %s', async (_case, refusal) => {
    const error = refusal()
    const { adapter, reads } = refusingProvider('completed', error)

    await expect(adapter.cancelTask('t-1')).rejects.toBe(error)
    expect(reads).toEqual([])
  })
})
