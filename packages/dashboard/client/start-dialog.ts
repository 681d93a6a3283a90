import { type ProviderJson, post, type TaskJson } from './api.js'
import { openDialog } from './dialogs.js'
import { h } from './dom.js'
import { upsert } from './state.js'

/** Asks for a provider and its start input (JSON), then starts the task and opens its page. */
export function openStartDialog(providers: readonly ProviderJson[]): void {
  const provider = h(
    'select',
    { id: 'start-provider' },
    providers.map((p) => h('option', { value: p.name }, p.name)),
  )
  const input = h('textarea', { id: 'start-input', rows: '6', spellcheck: 'false' }, '{\n  \n}')
  openDialog(
    'Start a task',
    [
      h('label', { for: 'start-provider' }, 'Provider'),
      provider,
      h('label', { for: 'start-input' }, 'Input, as the provider takes it (JSON)'),
      input,
    ],
    'Start',
    async () => {
      let value: unknown
      try {
        value = JSON.parse(input.value)
      } catch {
        throw new Error('The input is not JSON')
      }
      const { task } = await post<{ task: TaskJson }>('/api/start', { provider: provider.value, input: value })
      upsert(task)
    },
  )
}
