import { type AnswerJson, post, type RequestJson, type TaskJson } from './api.js'
import { openDialog } from './dialogs.js'
import { h } from './dom.js'
import { upsert } from './state.js'

type Field = { name: string; label: string; type: string; required: boolean; options?: string[] }

/** The fields of a flat JSON Schema object: strings, numbers, booleans and enums. */
function fieldsOf(schema: Record<string, unknown> | undefined): Field[] {
  const properties = schema?.properties
  if (!properties || typeof properties !== 'object') return []
  const required = new Set(Array.isArray(schema?.required) ? (schema.required as string[]) : [])
  return Object.entries(properties as Record<string, Record<string, unknown>>).map(([name, property]) => ({
    name,
    label: typeof property.title === 'string' ? property.title : name,
    type: typeof property.type === 'string' ? property.type : 'string',
    required: required.has(name),
    ...(Array.isArray(property.enum) ? { options: property.enum.map(String) } : {}),
  }))
}

function control(field: Field): HTMLElement {
  const id = `answer-${field.name}`
  if (field.options) {
    return h(
      'select',
      { id, name: field.name },
      field.options.map((option) => h('option', { value: option }, option)),
    )
  }
  if (field.type === 'boolean') return h('input', { id, name: field.name, type: 'checkbox' })
  const numeric = field.type === 'number' || field.type === 'integer'
  return h('input', { id, name: field.name, type: numeric ? 'number' : 'text', required: field.required })
}

function fieldValue(field: Field, element: HTMLInputElement | HTMLSelectElement): unknown {
  if (field.type === 'boolean') return (element as HTMLInputElement).checked
  if ((field.type === 'number' || field.type === 'integer') && element.value !== '') return Number(element.value)
  return element.value === '' ? undefined : element.value
}

function describe(answer: AnswerJson): string {
  if (answer.approved !== undefined)
    return `${answer.approved ? 'Approve' : 'Reject'}${answer.text ? `: “${answer.text}”` : ''}`
  if (answer.text !== undefined) return `Answer “${answer.text}”`
  return `Send ${JSON.stringify(answer.data)}`
}

function confirmAnswer(task: TaskJson, answer: AnswerJson): void {
  openDialog(
    'Send this answer?',
    [h('p', {}, `${describe(answer)} to ${task.name ?? task.id} on ${task.provider}.`)],
    'Send answer',
    async () => {
      const done = await post<{ task: TaskJson }>('/api/answer', { provider: task.provider, id: task.id, answer })
      upsert(done.task)
    },
  )
}

function answerForm(task: TaskJson, request: RequestJson, disabled: string | undefined): HTMLElement {
  const note = disabled ? h('small', { id: 'why-answer' }, disabled) : null
  const button = (label: string, answer: () => AnswerJson | undefined, kind?: string) =>
    h(
      'button',
      {
        type: 'button',
        class: kind,
        disabled: disabled !== undefined,
        'aria-describedby': disabled ? 'why-answer' : undefined,
        onclick: () => {
          const value = answer()
          if (value) confirmAnswer(task, value)
        },
      },
      label,
    )
  if (request.kind === 'approval') {
    const comment = h('textarea', { id: 'answer-text', rows: '2' })
    const withComment = (approved: boolean) => () => (comment.value ? { approved, text: comment.value } : { approved })
    return h(
      'div',
      { class: 'answer' },
      h('label', { for: 'answer-text' }, 'Comment (optional)'),
      comment,
      h(
        'div',
        { class: 'buttons' },
        button('Approve', withComment(true), 'primary'),
        button('Reject', withComment(false), 'danger'),
      ),
      note,
    )
  }
  if (request.choices?.length) {
    return h(
      'div',
      { class: 'answer buttons' },
      request.choices.map((choice) => button(choice.label ?? choice.value, () => ({ text: choice.value }))),
      note,
    )
  }
  const fields = fieldsOf(request.schema)
  if (fields.length > 0) {
    const controls = fields.map((field) => [field, control(field)] as const)
    const submit = () => {
      const data: Record<string, unknown> = {}
      for (const [field, element] of controls) {
        const value = fieldValue(field, element as HTMLInputElement)
        if (value !== undefined) data[field.name] = value
      }
      return data
    }
    return h(
      'div',
      { class: 'answer' },
      controls.flatMap(([field, element]) => [
        h('label', { for: element.id }, field.label, field.required ? ' (required)' : ''),
        element,
      ]),
      h('div', { class: 'buttons' }, button('Send', submit, 'primary')),
      note,
    )
  }
  const text = h('textarea', { id: 'answer-text', rows: '3' })
  return h(
    'div',
    { class: 'answer' },
    h('label', { for: 'answer-text' }, 'Your answer'),
    text,
    h(
      'div',
      { class: 'buttons' },
      button('Send', () => (text.value ? { text: text.value } : undefined), 'primary'),
    ),
    note,
  )
}

/** What a waiting task asks, and a way to answer it from the page (its choices, or a form from its schema). */
export function requestSection(task: TaskJson, disabled: string | undefined): HTMLElement | null {
  const { request } = task
  if (task.status !== 'waiting_for_input' || !request) return null
  const KIND = { approval: 'waits for a decision', input: 'waits for an answer', auth: 'waits for a sign-in' }
  return h(
    'section',
    { class: 'request', 'aria-labelledby': 'request-title' },
    h('h2', { id: 'request-title' }, `It ${KIND[request.kind]}`),
    request.title ? h('p', {}, h('strong', {}, request.title)) : null,
    request.message ? h('p', {}, request.message) : null,
    request.url
      ? h(
          'p',
          {},
          h(
            'a',
            { href: request.url, target: '_blank', rel: 'noopener noreferrer' },
            request.kind === 'auth' ? 'Sign in where the provider asks' : 'Open it at the provider',
          ),
        )
      : null,
    request.kind === 'auth' ? null : answerForm(task, request, disabled),
  )
}
