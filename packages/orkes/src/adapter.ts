// The factory before the split into createOrkesTaskAdapter and
// createOrkesWorkflowAdapter, kept working until 2.0.
import { InvalidArgumentError } from '@taskbridge/core'
import { ORKES_PROVIDER } from './map.js'
import { type OrkesWorkflowAdapterOptions, resolveOrkesWorkflowOptions } from './options.js'
import { createOrkesTaskAdapter, type OrkesTaskAdapter } from './task-adapter.js'
import { createOrkesWorkflowAdapter, type OrkesWorkflowAdapter } from './workflow-adapter.js'

/**
 * What an adapter of {@link createOrkesAdapter} reads: single tasks, or workflow executions.
 * @deprecated Call `createOrkesTaskAdapter` or `createOrkesWorkflowAdapter` instead.
 */
export type OrkesResource = 'task' | 'workflow'

/**
 * Options of {@link createOrkesAdapter}: those of `createOrkesWorkflowAdapter`
 * plus the mode. In `task` mode `terminateReason` and `includeTasks` are ignored.
 * @deprecated Use `OrkesTaskAdapterOptions` or `OrkesWorkflowAdapterOptions`.
 */
export interface OrkesAdapterOptions<Name extends string = typeof ORKES_PROVIDER>
  extends OrkesWorkflowAdapterOptions<Name> {
  /** Default `task`. In `workflow` mode a Task is a workflow execution, and pause, resume and cancel work. */
  resource?: OrkesResource
}

/**
 * Creates the Orkes adapter of the mode `options.resource` names.
 * @deprecated Call `createOrkesWorkflowAdapter(options)`.
 */
export function createOrkesAdapter<const Name extends string = typeof ORKES_PROVIDER>(
  options: OrkesAdapterOptions<Name> & { resource: 'workflow' },
): OrkesWorkflowAdapter<NoInfer<Name>>
/**
 * Creates the Orkes adapter in task mode (the default).
 * @deprecated Call `createOrkesTaskAdapter(options)`.
 */
export function createOrkesAdapter<const Name extends string = typeof ORKES_PROVIDER>(
  options?: OrkesAdapterOptions<Name> & { resource?: 'task' | undefined },
): OrkesTaskAdapter<NoInfer<Name>>
/**
 * Creates the Orkes adapter in the mode `options.resource` names, known only at run time.
 * @deprecated Call `createOrkesTaskAdapter` or `createOrkesWorkflowAdapter`.
 */
export function createOrkesAdapter<const Name extends string = typeof ORKES_PROVIDER>(
  options?: OrkesAdapterOptions<Name>,
): OrkesTaskAdapter<NoInfer<Name>> | OrkesWorkflowAdapter<NoInfer<Name>>
export function createOrkesAdapter<const Name extends string = typeof ORKES_PROVIDER>(
  given?: OrkesAdapterOptions<Name>,
): OrkesTaskAdapter<NoInfer<Name>> | OrkesWorkflowAdapter<NoInfer<Name>> {
  const { resource = 'task', ...options } = (given ?? {}) as OrkesAdapterOptions<Name>
  if (resource === 'workflow') return createOrkesWorkflowAdapter(options)
  if (resource !== 'task') {
    throw new InvalidArgumentError({
      provider: ORKES_PROVIDER,
      argument: 'resource',
      message: 'createOrkesAdapter: option `resource` must be "task" or "workflow"',
    })
  }
  // Checked as before the split, though task mode has no use for them.
  resolveOrkesWorkflowOptions(options)
  const { terminateReason: _reason, includeTasks: _tasks, ...taskOptions } = options
  return createOrkesTaskAdapter(taskOptions)
}
