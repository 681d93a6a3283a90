import { inspect } from 'node:util'

/** Every form in which a value (an error, a task) can reach a log or a screen, joined, for searching. */
export function outputForms(value: unknown): string {
  const forms = [inspect(value, { showHidden: true, depth: Number.POSITIVE_INFINITY }), safeJson(value)]
  if (value instanceof Error) {
    forms.push(String(value), value.message, value.stack ?? '')
    // The fields a caller reads directly, as they are (inspect and JSON escape backslashes).
    for (const key of ['raw', 'responseBody', 'lastTask', 'data', 'url']) {
      const field = (value as unknown as Record<string, unknown>)[key]
      forms.push(typeof field === 'string' ? field : safeJson(field))
    }
    for (let cause = value.cause, depth = 0; cause !== undefined && depth < 10; depth++) {
      forms.push(String(cause), inspect(cause, { showHidden: true, depth: Number.POSITIVE_INFINITY }))
      cause = cause instanceof Error ? cause.cause : undefined
    }
  }
  return forms.join('\n')
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? ''
  } catch {
    return ''
  }
}

/** Every character of `value` as a JSON `\uXXXX` escape. */
export function unicodeEscaped(value: string): string {
  return [...value].map((char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')
}
