import { InvalidArgumentError } from '@taskbridge/core'

/** The flags of `taskbridge start`. */
export interface StartFlags {
  agent?: string
  text?: string
  outputFormat?: string
  workflow?: string
  version?: string
  correlationId?: string
  agentflow?: string
  goal?: string
  input?: string
  tool?: string
}

function needs(provider: string, flags: StartFlags, names: readonly (keyof StartFlags)[], usage: string): void {
  const missing = names.filter((name) => flags[name] === undefined || flags[name]?.trim() === '')
  if (missing.length > 0) {
    throw new InvalidArgumentError({ argument: missing[0], message: `start ${provider} needs ${usage}` })
  }
}

/** `--input '{json}'` as an object. */
function parseInputObject(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    value = undefined
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidArgumentError({ argument: 'input', message: `--input takes a JSON object, got ${text}` })
  }
  return value as Record<string, unknown>
}

/**
 * What `startTask` gets for the flags: built-in providers take their own
 * flags; an adapter from the config file gets `--input` as it is.
 */
export function startInputFor(provider: string, flags: StartFlags): unknown {
  switch (provider) {
    case 'xpander':
      needs(provider, flags, ['agent', 'text'], '--agent <id> and --text <request>')
      return { agentId: flags.agent, text: flags.text, outputFormat: flags.outputFormat }
    case 'orkes': {
      needs(provider, flags, ['workflow'], '--workflow <name> (and --input <json> for its input)')
      const version = flags.version === undefined ? undefined : Number(flags.version)
      if (version !== undefined && !Number.isInteger(version)) {
        throw new InvalidArgumentError({
          argument: 'version',
          message: `--version takes a whole number, got "${flags.version}"`,
        })
      }
      return { name: flags.workflow, version, input: parseInputObject(flags.input), correlationId: flags.correlationId }
    }
    case 'a2a':
      needs(provider, flags, ['text'], '--text <message>')
      return { text: flags.text }
    case 'mcp':
      needs(provider, flags, ['tool'], "--tool <name> (and --input '<json>' for its arguments)")
      return { tool: flags.tool, arguments: parseInputObject(flags.input) }
    case 'wexa':
      needs(provider, flags, ['agentflow', 'goal'], '--agentflow <id> and --goal <text>')
      return { agentflowId: flags.agentflow, goal: flags.goal, inputVariables: parseInputObject(flags.input) }
    default:
      needs(provider, flags, ['input'], "--input '<json>': the start input its adapter takes")
      return parseInputObject(flags.input)
  }
}
