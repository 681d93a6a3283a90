import { ApiError } from './api.js'
import { h } from './dom.js'

/**
 * A modal dialog (the browser's `<dialog>`: focus is trapped and Escape
 * closes it) that runs `confirm` when its main button is pressed; its error,
 * if any, is shown in the dialog.
 */
export function openDialog(
  title: string,
  content: (Node | string)[],
  action: string,
  confirm: () => Promise<void>,
): HTMLDialogElement {
  const error = h('p', { class: 'error', role: 'alert' })
  const go = h('button', { type: 'button', class: 'primary' }, action)
  const dialog = h(
    'dialog',
    { 'aria-labelledby': 'dialog-title' },
    h('h2', { id: 'dialog-title' }, title),
    ...content,
    error,
    h('div', { class: 'buttons' }, h('button', { type: 'button', onclick: () => dialog.close() }, 'Back'), go),
  )
  go.addEventListener('click', async () => {
    go.disabled = true
    error.textContent = ''
    try {
      await confirm()
      dialog.close()
    } catch (failure) {
      error.textContent = failure instanceof ApiError ? failure.message : String(failure)
    } finally {
      go.disabled = false
    }
  })
  dialog.addEventListener('close', () => dialog.remove())
  document.body.append(dialog)
  dialog.showModal()
  return dialog
}
