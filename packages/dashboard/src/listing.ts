import type { Task, TaskClient } from '@taskbridge/core'
import { errorBody } from './http.js'

/** A provider whose listing failed, with the library's message. */
export interface ListingFailure {
  provider: string
  error: ReturnType<typeof errorBody>
}

/** One page of the table: some tasks of each provider, and the cursor to the next page. */
export interface ListingPage {
  tasks: Task[]
  failures: ListingFailure[]
  /** Read the next page with it; absent when every listing has ended. */
  cursor?: string
}

/** The table's pages. */
export interface Listing {
  /** The first page: every provider that can list. */
  first(): Promise<ListingPage>
  /** The page after `cursor`, or `undefined` when the cursor is unknown (used already, or expired). */
  next(cursor: string): Promise<ListingPage> | undefined
  /** Stops every listing still open. */
  close(): void
}

interface Cursor {
  readers: Map<string, AsyncIterator<Task>>
  usedAt: number
}

const MAX_CURSORS = 64
const CURSOR_IDLE_MS = 15 * 60_000

/**
 * The table's pages, read lazily from each provider's `listTasks`: a cursor
 * keeps each provider's listing where the last page stopped, so the next
 * page costs the providers one more page of requests and no more.
 */
export function createListing(client: TaskClient, pageSize: number): Listing {
  const cursors = new Map<string, Cursor>()

  const drop = (id: string) => {
    const cursor = cursors.get(id)
    cursors.delete(id)
    for (const reader of cursor?.readers.values() ?? []) reader.return?.().catch(() => {})
  }
  // No timers: idle cursors are dropped when the next page is asked for.
  const sweep = (now: number) => {
    for (const [id, cursor] of cursors) if (now - cursor.usedAt > CURSOR_IDLE_MS) drop(id)
    while (cursors.size >= MAX_CURSORS) drop(cursors.keys().next().value as string)
  }

  const readPage = async (readers: Map<string, AsyncIterator<Task>>): Promise<ListingPage> => {
    const tasks: Task[] = []
    const failures: ListingFailure[] = []
    await Promise.all(
      [...readers].map(async ([provider, reader]) => {
        try {
          for (let count = 0; count < pageSize; count++) {
            const next = await reader.next()
            if (next.done) {
              readers.delete(provider)
              return
            }
            tasks.push(next.value)
          }
        } catch (error) {
          readers.delete(provider)
          failures.push({ provider, error: errorBody(error) })
        }
      }),
    )
    if (readers.size === 0) return { tasks, failures }
    sweep(Date.now())
    const id = crypto.randomUUID()
    cursors.set(id, { readers, usedAt: Date.now() })
    return { tasks, failures, cursor: id }
  }

  return {
    first() {
      const readers = new Map<string, AsyncIterator<Task>>()
      for (const provider of client.providers) {
        if (!client.adapter(provider).capabilities.list) continue
        readers.set(provider, client.listTasks(provider, { pageSize })[Symbol.asyncIterator]())
      }
      return readPage(readers)
    },
    next(cursor) {
      const found = cursors.get(cursor)
      if (!found) return undefined
      // A cursor is used once: a page asked for twice at once is not read twice.
      cursors.delete(cursor)
      return readPage(found.readers)
    },
    close() {
      for (const id of [...cursors.keys()]) drop(id)
    },
  }
}
