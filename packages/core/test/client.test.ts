import { describe, expect, it } from 'vitest'
import { createTaskClient, defineAdapter, InvalidArgumentError, type Task, type TaskAdapter } from '../src/index.js'
import { makeTask, rejectionOf, thrownBy } from './support.js'

/** An in-memory adapter whose tasks carry its provider name and whose calls are recorded as `operation:id`. */
function recordingAdapter(provider: string) {
  const calls: string[] = []
  const operation = (name: string) => async (id: string) => {
    calls.push(`${name}:${id}`)
    return makeTask({ id, provider, status: 'completed', providerStatus: 'done' })
  }
  const adapter = defineAdapter({
    provider,
    getTask: operation('getTask'),
    pauseTask: operation('pauseTask'),
    resumeTask: operation('resumeTask'),
    cancelTask: operation('cancelTask'),
    async *listTasks() {
      calls.push('listTasks')
      try {
        yield makeTask({ id: `${provider}-1`, provider })
        yield makeTask({ id: `${provider}-2`, provider })
      } finally {
        calls.push('listTasks:closed')
      }
    },
  })
  return { adapter, calls }
}

function twoProviderClient() {
  const alpha = recordingAdapter('alpha')
  const beta = recordingAdapter('beta')
  const client = createTaskClient({ adapters: [alpha.adapter, beta.adapter] })
  return { client, alpha, beta }
}

async function collect(tasks: AsyncIterable<Task>): Promise<Task[]> {
  const all: Task[] = []
  for await (const task of tasks) all.push(task)
  return all
}

describe('createTaskClient', () => {
  it('lists its providers in the order given', () => {
    expect(twoProviderClient().client.providers).toEqual(['alpha', 'beta'])
  })

  it('returns the very adapter it was given for a provider', () => {
    const { client, alpha, beta } = twoProviderClient()

    expect(client.adapter('alpha')).toBe(alpha.adapter)
    expect(client.adapter('beta')).toBe(beta.adapter)
  })

  it.each(['getTask', 'pauseTask', 'resumeTask', 'cancelTask'] as const)(
    'routes %s to the named provider only',
    async (operation) => {
      const { client, alpha, beta } = twoProviderClient()

      const task = await client[operation]('beta', 'b-7')

      expect(task.provider).toBe('beta')
      expect(beta.calls).toEqual([`${operation}:b-7`])
      expect(alpha.calls).toEqual([])
    },
  )

  it('routes listTasks to the named provider only', async () => {
    const { client, alpha, beta } = twoProviderClient()

    const tasks = await collect(client.listTasks('alpha', { limit: 1 }))

    expect(tasks.map((task) => task.id)).toEqual(['alpha-1'])
    expect(alpha.calls).toEqual(['listTasks', 'listTasks:closed'])
    expect(beta.calls).toEqual([])
  })

  it("closes the provider's list when the consumer breaks out early", async () => {
    const { client, alpha } = twoProviderClient()

    for await (const task of client.listTasks('alpha')) {
      expect(task.id).toBe('alpha-1')
      break
    }

    expect(alpha.calls).toEqual(['listTasks', 'listTasks:closed'])
  })

  it('routes waitForTask to the named provider only', async () => {
    const { client, alpha, beta } = twoProviderClient()

    const task = await client.waitForTask('beta', 'b-9')

    expect(task).toMatchObject({ id: 'b-9', provider: 'beta', status: 'completed' })
    expect(beta.calls).toEqual(['getTask:b-9'])
    expect(alpha.calls).toEqual([])
  })

  it('names the configured providers when asked for another one', () => {
    const error = thrownBy(() => twoProviderClient().client.adapter('gamma'))

    expect(InvalidArgumentError.is(error)).toBe(true)
    expect(error).toMatchObject({ argument: 'name' })
    expect((error as Error).message).toContain('"gamma"')
    expect((error as Error).message).toContain('"alpha", "beta"')
  })

  it.each(['getTask', 'pauseTask', 'resumeTask', 'cancelTask', 'waitForTask'] as const)(
    '%s for an unknown provider rejects (it does not throw) with InvalidArgumentError',
    async (operation) => {
      const { client, alpha, beta } = twoProviderClient()

      const error = await rejectionOf(client[operation]('gamma', 'task-1'))

      expect(InvalidArgumentError.is(error)).toBe(true)
      expect((error as Error).message).toContain('"alpha", "beta"')
      expect([...alpha.calls, ...beta.calls]).toEqual([])
    },
  )

  it('listTasks for an unknown provider fails when iterated', async () => {
    const tasks = twoProviderClient().client.listTasks('gamma')

    const error = await rejectionOf(collect(tasks))

    expect(InvalidArgumentError.is(error)).toBe(true)
    expect((error as Error).message).toContain('"alpha", "beta"')
  })

  it('says so when it has no providers at all', () => {
    const error = thrownBy(() => createTaskClient({ adapters: [] as TaskAdapter[] }).adapter('alpha'))

    expect((error as Error).message).toContain('configured: none')
  })

  it('refuses two adapters with the same provider name', () => {
    const adapters: TaskAdapter[] = [recordingAdapter('alpha').adapter, recordingAdapter('alpha').adapter]

    const error = thrownBy(() => createTaskClient({ adapters }))

    expect(InvalidArgumentError.is(error)).toBe(true)
    expect(error).toMatchObject({ argument: 'adapters' })
    expect((error as Error).message).toContain('"alpha"')
  })
})
