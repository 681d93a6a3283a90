import { randomUUID } from 'node:crypto'
import { type StoredTask, type Task, TaskSchema } from '@taskbridge/core'
import type { Redis } from 'ioredis'
import type { DistributedWatchError } from './options.js'
import type { StateKeys, TaskChange } from './state.js'

/** The consumer group every handler of one prefix reads the changes stream in. */
const GROUP = 'handlers'
/** Changes read at once. */
const BATCH = 100
/** How long one read of the stream waits for a change, so closing is noticed soon. */
const BLOCK_MS = 1000

/** Takes changes from the shared stream and hands each to this process's handler. */
export interface ChangeConsumer {
  /** Stops reading; resolves once the change being handled is acknowledged. */
  close(): Promise<void>
}

type StreamEntry = [id: string, fields: string[]]

/**
 * The reviver of a task this package wrote to the stream: core's TaskSchema
 * validates it and turns the Task's own dates back into `Date`s; its metadata
 * stays what JSON made of it. The narrowing trusts the writer, this package,
 * which wrote a `T`: JSON kept its provider name as it was and made its
 * metadata a `Jsonified<T['metadata']>`, which is what `StoredTask<T>` says.
 */
function reviveTask<T extends Task>(value: unknown): StoredTask<T> {
  return TaskSchema.parse(value) as unknown as StoredTask<T>
}

/** A change as the stream carries it, its task not yet revived. */
type StoredChange = Omit<TaskChange, 'task'> & { task: unknown }

function isStoredChange(value: unknown): value is StoredChange {
  if (typeof value !== 'object' || value === null) return false
  const change = value as Record<string, unknown>
  return (
    typeof change.provider === 'string' &&
    typeof change.id === 'string' &&
    typeof change.final === 'boolean' &&
    (change.source === 'poll' || change.source === 'webhook') &&
    typeof change.dedupKey === 'string'
  )
}

/** The change of a stream entry; throws when the entry is not one this package wrote. */
function parseChange<T extends Task>(fields: readonly string[]): TaskChange<T> {
  const stored: unknown = JSON.parse(fields[1] ?? 'null')
  if (!isStoredChange(stored)) throw new TypeError('not a change this package wrote')
  return { ...stored, task: reviveTask<T>(stored.task) }
}

/**
 * Reads the changes stream in a consumer group: each change goes to one
 * consumer, and is acknowledged (and deleted) once the handler has returned.
 * A change left unacknowledged for `claimAfterMs` (its handler threw, or its
 * process ended) is claimed by whichever consumer looks next, and handled again.
 */
export function startChangeConsumer<T extends Task>(
  blocking: Redis,
  keys: StateKeys,
  claimAfterMs: number,
  onChange: (change: TaskChange<T>) => void | Promise<void>,
  onError: (error: DistributedWatchError) => void,
): ChangeConsumer {
  const consumer = `consumer-${randomUUID()}`
  let closed = false
  let lastClaim = 0

  const handle = async (entries: readonly StreamEntry[]) => {
    for (const [entryId, fields] of entries) {
      let change: TaskChange<T>
      try {
        change = parseChange<T>(fields)
      } catch {
        // Not a change this package wrote: nothing to hand over, ever.
        await blocking.multi().xack(keys.changes, GROUP, entryId).xdel(keys.changes, entryId).exec()
        continue
      }
      try {
        await onChange(change)
      } catch (error) {
        onError({ provider: change.provider, id: change.id, error, final: false })
        continue
      }
      await blocking.multi().xack(keys.changes, GROUP, entryId).xdel(keys.changes, entryId).exec()
    }
  }

  const claimAbandoned = async () => {
    const now = Date.now()
    if (now - lastClaim < claimAfterMs / 2) return
    lastClaim = now
    let cursor = '0-0'
    do {
      const [next, entries] = (await blocking.xautoclaim(
        keys.changes,
        GROUP,
        consumer,
        claimAfterMs,
        cursor,
        'COUNT',
        BATCH,
      )) as [string, StreamEntry[]]
      await handle(entries.filter((entry) => entry[1] !== null))
      cursor = next
    } while (cursor !== '0-0' && !closed)
  }

  const run = async () => {
    try {
      await blocking.xgroup('CREATE', keys.changes, GROUP, '0', 'MKSTREAM')
    } catch (error) {
      if (!String((error as Error).message).includes('BUSYGROUP')) throw error
    }
    while (!closed) {
      await claimAbandoned()
      if (closed) return
      const streams = (await blocking.xreadgroup(
        'GROUP',
        GROUP,
        consumer,
        'COUNT',
        BATCH,
        'BLOCK',
        BLOCK_MS,
        'STREAMS',
        keys.changes,
        '>',
      )) as [string, StreamEntry[]][] | null
      for (const [, entries] of streams ?? []) await handle(entries)
    }
  }

  const running = (async () => {
    // A lost connection is retried by ioredis; the loop only ends on close.
    while (!closed) {
      try {
        await run()
      } catch (error) {
        if (closed) return
        onError({ provider: undefined, id: undefined, error, final: false })
        await new Promise((resolve) => setTimeout(resolve, BLOCK_MS))
      }
    }
  })()

  return {
    async close() {
      closed = true
      await running
    },
  }
}
