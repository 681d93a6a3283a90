/**
 * Faults an emulator can inject, per route or for every route.
 *
 * - `status`: answer with this HTTP status (and `Retry-After`, given in
 *   seconds or as an HTTP date) instead of running the route.
 * - `reset`: close the connection without answering.
 * - `delay`: wait this long (real time) before answering normally.
 * - `truncate`: send only the first half of the JSON body.
 * - `non-json`: answer 200 with an HTML page.
 * - `oversized`: answer 200 with a JSON body of about `bytes` bytes.
 * - `unknown-status`: the task(s) in the answer get this status value.
 * - `missing-fields`: these fields are removed from the task(s) in the answer.
 * - `extra-fields`: these fields are added to the task(s) in the answer.
 * - `raw`: answer with this status and exactly this body text (JSON
 *   content type unless told), for bodies `JSON.stringify` never writes:
 *   `\u` escapes, deep nesting, echoed credentials in any encoding.
 */
export type Fault =
  | { type: 'status'; status: number; retryAfter?: string; body?: unknown }
  | { type: 'reset' }
  | { type: 'delay'; ms: number }
  | { type: 'truncate' }
  | { type: 'non-json' }
  | { type: 'oversized'; bytes: number }
  | { type: 'unknown-status'; value?: string }
  | { type: 'missing-fields'; fields: readonly string[] }
  | { type: 'extra-fields'; fields: Record<string, unknown> }
  | { type: 'raw'; status: number; text: string; contentType?: string }

/** Which requests a fault applies to, and how often. */
export interface FaultOptions {
  /** How many matching requests get the fault. Default 1; `Infinity` for all. */
  times?: number
}

interface ArmedFault {
  route: string
  fault: Fault
  remaining: number
}

/** Arms faults on an emulator's routes. Route names are the emulator's (such as `getTask`), or `*` for all. */
export interface FaultController {
  inject(route: string, fault: Fault, options?: FaultOptions): void
  /** Removes every armed fault. */
  clear(): void
  /** The next fault for this route, used up by the call. */
  take(route: string): Fault | undefined
  /** How many armed faults have uses left. */
  readonly pending: number
}

/** Creates an empty {@link FaultController}; every emulator server has one as `faults`. */
export function createFaultController(): FaultController {
  let armed: ArmedFault[] = []
  return {
    inject(route, fault, options = {}) {
      const times = options.times ?? 1
      if (!(times > 0)) throw new RangeError(`faults.inject: times must be > 0, got ${times}`)
      armed.push({ route, fault, remaining: times })
    },
    clear() {
      armed = []
    },
    take(route) {
      const found = armed.find((entry) => entry.route === route || entry.route === '*')
      if (!found) return undefined
      found.remaining -= 1
      if (found.remaining <= 0) armed = armed.filter((entry) => entry !== found)
      return found.fault
    },
    get pending() {
      return armed.length
    },
  }
}

/** The value used by `unknown-status` when none is given. */
export const UNKNOWN_STATUS_VALUE = 'definitely_not_a_status'

/** Applies a payload fault to one task object (a copy is returned). */
export function applyTaskFault(task: unknown, fault: Fault, statusField: string): unknown {
  if (typeof task !== 'object' || task === null) return task
  const copy: Record<string, unknown> = { ...(task as Record<string, unknown>) }
  if (fault.type === 'unknown-status') copy[statusField] = fault.value ?? UNKNOWN_STATUS_VALUE
  if (fault.type === 'missing-fields') for (const field of fault.fields) delete copy[field]
  if (fault.type === 'extra-fields') Object.assign(copy, fault.fields)
  return copy
}
