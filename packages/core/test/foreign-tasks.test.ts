import { describe, expect, it } from 'vitest'
import { defineAdapter, onTaskbridgeDebug, type Task, type TaskbridgeDebugRecord } from '../src/index.js'
import { makeTask } from './support.js'

/** An adapter whose stream sends what it is given, whatever task it asks for. */
function streamingAdapter(sent: Task[]) {
  return defineAdapter({
    provider: 'memory',
    getTask: async (id) => makeTask({ id }),
    async *streamTask() {
      yield* sent
    },
  })
}

async function collect(tasks: AsyncIterable<Task>): Promise<string[]> {
  const seen: string[] = []
  for await (const task of tasks) seen.push(`${task.id}: ${task.status}`)
  return seen
}

describe('defineAdapter: streamTask and other tasks', () => {
  it('drops a task with another id and counts each in debug output', async () => {
    const records: TaskbridgeDebugRecord[] = []
    const stop = onTaskbridgeDebug((record) => records.push(record))
    const adapter = streamingAdapter([
      makeTask({ id: 'task-1' }),
      makeTask({ id: 'other-task', status: 'completed' }),
      makeTask({ id: 'another', status: 'failed' }),
      makeTask({ id: 'task-1', status: 'completed' }),
    ])
    try {
      expect(await collect(adapter.streamTask('task-1'))).toEqual(['task-1: running', 'task-1: completed'])
    } finally {
      stop()
    }
    expect(records).toEqual([
      expect.objectContaining({
        provider: 'memory',
        operation: 'streamTask',
        taskId: 'task-1',
        details: { foreignId: 'other-task', dropped: 1 },
      }),
      expect.objectContaining({ details: { foreignId: 'another', dropped: 2 } }),
    ])
  })

  it('keeps streaming when a debug listener throws, and stops reporting once unsubscribed', async () => {
    const stop = onTaskbridgeDebug(() => {
      throw new Error('listener bug')
    })
    const adapter = streamingAdapter([makeTask({ id: 'other-task' }), makeTask({ id: 'task-1' })])
    expect(await collect(adapter.streamTask('task-1'))).toEqual(['task-1: running'])
    stop()
    const records: TaskbridgeDebugRecord[] = []
    const stopCounting = onTaskbridgeDebug((record) => records.push(record))
    stopCounting()
    await collect(adapter.streamTask('task-1'))
    expect(records).toEqual([])
  })
})
