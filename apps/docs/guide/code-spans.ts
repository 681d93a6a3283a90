/** A comment's Markdown code spans as HTML, the rest escaped, for the generated tables' `v-html`. */
export function codeSpans(text: string): string {
  const escaped = text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')
  return escaped.replace(/`([^`]+)`/g, '<code>$1</code>')
}
