// A Task names the adapter that made it in `adapter`, an adapter its own name
// in `name`; `provider` (both places) stays as a deprecated alias with the
// same value until 2.0, and tasks stored before 1.0 read back with `adapter`.
import { describe, expect, it } from 'vitest'
import { createTaskClient, defineAdapter, type TaskAdapter, TaskSchema } from '../src/index.js'
import { makeTask } from './support.js'

const { adapter: _, provider: __, ...fields } = makeTask({ id: 'job-1' })

describe('the adapter name', () => {
  it('is the adapter name and each task’s adapter, with provider the same', async () => {
    const adapter = defineAdapter({ name: 'flows', getTask: async (id) => ({ ...fields, id }) })
    const task = await adapter.getTask('job-1')

    expect(adapter.name).toBe('flows')
    expect(adapter.provider).toBe('flows')
    expect(task).toMatchObject({ id: 'job-1', adapter: 'flows', provider: 'flows' })
  })

  it('replaces what the parser wrote, and still takes the 0.x provider key', async () => {
    const adapter = defineAdapter({
      provider: 'legacy',
      getTask: async (id) => ({ ...fields, id, adapter: 'parser', provider: 'parser' }),
    })

    expect(adapter.name).toBe('legacy')
    expect(await adapter.getTask('job-1')).toMatchObject({ adapter: 'legacy', provider: 'legacy' })
  })

  it('routes a client by name, listed in adapterNames (and the deprecated providers)', async () => {
    const flows = defineAdapter({ name: 'flows', getTask: async (id) => ({ ...fields, id }) })
    // An adapter written by hand before 1.0 has no `name`.
    const { name: ___, ...handWritten } = defineAdapter({ name: 'old', getTask: async (id) => ({ ...fields, id }) })
    const client = createTaskClient({ adapters: [flows, handWritten as TaskAdapter<'old'>] })
    const task = await client.getTask('flows', 'job-1')

    expect(client.adapterNames).toEqual(['flows', 'old'])
    expect(client.providers).toEqual(['flows', 'old'])
    expect((await client.getTask(task.adapter, task.id)).adapter).toBe('flows')
    expect((await client.getTask('old', 'job-2')).adapter).toBe('old')
  })
})

describe('TaskSchema and the adapter name', () => {
  it('reads a task stored before 1.0 (provider only) with adapter filled in', () => {
    const stored = JSON.parse(JSON.stringify({ ...fields, provider: 'orkes-workflows' }))

    expect(TaskSchema.parse(stored)).toMatchObject({ adapter: 'orkes-workflows', provider: 'orkes-workflows' })
  })

  it('reads a task with adapter only, and writes both back', () => {
    const again = TaskSchema.parse({ ...fields, adapter: 'flows' })

    expect(again).toMatchObject({ adapter: 'flows', provider: 'flows' })
    expect(JSON.parse(JSON.stringify(again))).toMatchObject({ adapter: 'flows', provider: 'flows' })
  })

  it('refuses a task that names no adapter', () => {
    const result = TaskSchema.safeParse({ ...fields })

    expect(result.success).toBe(false)
    expect(result.error?.issues[0]?.path).toEqual(['adapter'])
  })
})
