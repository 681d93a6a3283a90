import type { Task } from './task.js'

/** What `JSON.stringify` leaves out of an object, or writes as `null` in an array. */
type DroppedByJson = undefined | symbol | ((...args: never[]) => unknown)

/** A field of `T` JSON always writes: a string or number key whose value is never dropped. */
type AlwaysKept<T, K extends keyof T> = K extends string | number
  ? Extract<T[K], DroppedByJson> extends never
    ? K
    : never
  : never

/** A field of `T` JSON writes only sometimes: its value may be undefined (or a function, a symbol). */
type SometimesKept<T, K extends keyof T> = K extends string | number
  ? [T[K]] extends [DroppedByJson]
    ? never
    : Extract<T[K], DroppedByJson> extends never
      ? never
      : K
  : never

/**
 * What `JSON.parse(JSON.stringify(value))` gives back for an object of type
 * `T`: a field that may be undefined may be missing, one that is always
 * dropped is gone; the values as {@link Jsonified}.
 */
export type JsonifiedObject<T> = { [K in keyof T as AlwaysKept<T, K>]: Jsonified<T[K]> } & {
  [K in keyof T as SometimesKept<T, K>]?: Jsonified<Exclude<T[K], DroppedByJson>>
}

/**
 * What `JSON.parse(JSON.stringify(value))` gives back for a value of type
 * `T`, as far as types can tell: a `Date` (anything with `toJSON`) becomes
 * what its `toJSON` returns, an ISO string; functions, symbols and undefined
 * fields are left out; arrays and objects are rebuilt field by field.
 *
 * @example
 * ```ts
 * type Stored = Jsonified<{ seenAt: Date; note?: string }>
 * const stored: Stored = { seenAt: '2026-01-01T09:00:00.000Z' }
 * ```
 */
export type Jsonified<T> = T extends { toJSON(): infer Json }
  ? Jsonified<Json>
  : T extends string | number | boolean | null
    ? T
    : T extends DroppedByJson
      ? never
      : T extends readonly (infer Item)[]
        ? Jsonified<Item extends DroppedByJson ? null : Item>[]
        : T extends object
          ? JsonifiedObject<T>
          : T

/**
 * A task as it comes back from storage (JSON, then {@link TaskSchema}): the
 * Task's own dates are `Date`s again, since `TaskSchema` revives them, but its
 * `metadata` is what JSON made of the adapter's metadata: a `Date` there is
 * an ISO string, an undefined field is missing. Code that stores tasks (the
 * distributed watcher's changes stream) hands them over typed so; reviving
 * metadata further is the reader's step, with the adapter's own schema.
 *
 * @example
 * ```ts
 * type Seen = Task<{ seenAt: Date }, 'memory'>
 * function seenAt(task: StoredTask<Seen>): Date {
 *   return new Date(task.metadata.seenAt) // a string: JSON wrote the Date so
 * }
 * ```
 */
export type StoredTask<T extends Task<object> = Task> =
  T extends Task<object> ? Task<JsonifiedObject<T['metadata']>, T['provider']> : never
