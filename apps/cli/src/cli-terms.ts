import { InvalidArgumentError, type Operation, TaskNotFoundError, UnsupportedOperationError } from '@taskbridge/core'
import { builtInProvider } from './adapters.js'

/**
 * The error as a CLI user should read it: the adapters speak of options
 * (`apiKey`, `resource: 'workflow'`), the CLI of variables and flags.
 */
export function inCliTerms(error: unknown, provider: string, resource?: string): unknown {
  if (provider === 'orkes' && resource !== 'workflow' && TaskNotFoundError.is(error)) return withWorkflowHint(error)
  const builtIn = builtInProvider(provider)
  if (!builtIn || !InvalidArgumentError.is(error) || error.argument === undefined) return error
  const variable = builtIn.optionEnv[error.argument]
  if (variable === undefined || !error.message.includes('Missing required option')) return error
  const orFlag = error.argument === 'serverUrl' || error.argument === 'agentCardUrl' ? ' or pass --base-url' : ''
  return new InvalidArgumentError({
    provider,
    argument: error.argument,
    message: `${provider}: ${variable} is not set; export it${orFlag} (taskbridge emulate gives throwaway ones for local emulators)`,
  })
}

/**
 * Orkes answers a workflow id asked for as a task with "Invalid task id":
 * the flag that reads it as a workflow is the likely fix, so the error says so.
 */
function withWorkflowHint(error: TaskNotFoundError): TaskNotFoundError {
  const message = error.message.replace(/^\[[^\]]*\] /, '')
  return new TaskNotFoundError({
    provider: error.provider,
    method: error.method,
    status: error.status,
    taskId: error.taskId,
    message: `${message} (if it is a workflow id, add --resource workflow)`,
    cause: error,
  })
}

const VERBS: Partial<Record<Operation, string>> = { pauseTask: 'pause', resumeTask: 'resume', cancelTask: 'cancel' }

/**
 * Orkes tasks cannot be paused, resumed or cancelled on their own: their
 * workflow can. Says so with the flag, before the adapter says it with its option.
 */
export function checkOrkesResource(provider: string, operation: Operation, resource: string | undefined): void {
  const verb = VERBS[operation]
  if (provider !== 'orkes' || resource === 'workflow' || verb === undefined) return
  throw new UnsupportedOperationError({
    provider,
    operation,
    message: `orkes tasks cannot be ${verb === 'cancel' ? 'cancelled' : `${verb}d`} on their own: add --resource workflow to ${verb} a workflow execution`,
  })
}
