import type { Task } from '@taskbridge/core'

/**
 * What is wrong, if anything, with the task an adapter read after the
 * emulator answered it with the `unknown-status` fault's `injected` status.
 * When the fault wrote a field the adapter does not read, the task keeps its
 * real status; the usual cause is an emulator whose tasks keep their status
 * elsewhere than `status` without telling `startEmulatorServer` so.
 */
export function unknownStatusProblem(
  task: Pick<Task, 'status' | 'providerStatus'>,
  injected: string,
): string | undefined {
  if (task.providerStatus !== injected) {
    return (
      `the adapter read provider status "${task.providerStatus}", not the "${injected}" the unknown-status fault injected: ` +
      'the fault writes the field named by the emulator’s statusField setting (default "status"); if your tasks keep ' +
      'their status in another field, pass it to startEmulatorServer as statusField'
    )
  }
  if (task.status !== 'unknown') {
    return `provider status "${injected}" mapped to "${task.status}": a status the adapter does not know must map to "unknown"`
  }
  return undefined
}

/** What is wrong, if anything, with the normalised status of a task the emulator put in `providerStatus`. */
export function knownStatusProblem(
  task: Pick<Task, 'status' | 'providerStatus'>,
  providerStatus: string,
): string | undefined {
  if (task.providerStatus !== providerStatus) {
    return (
      `the emulator put the task in "${providerStatus}" but the adapter read "${task.providerStatus}": ` +
      'check that the adapter reads the field the emulator writes (and the emulator’s statusField setting)'
    )
  }
  if (task.status === 'unknown') {
    return `provider status "${providerStatus}" maps to "unknown": add it to the adapter's status table`
  }
  return undefined
}
