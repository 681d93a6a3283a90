// VitePress renders each page's Markdown three times in a build (the client
// bundle, the server bundle, the local search index) and highlights every
// code block each time. The API reference alone has about 2,000 signature
// blocks, so Shiki was a quarter of the build's CPU: this highlights each
// distinct block once and hands back the same HTML the next time.
import type { MarkdownOptions } from 'vitepress'

type Highlighter = Parameters<NonNullable<MarkdownOptions['shikiSetup']>>[0]
type HighlightOptions = Parameters<Highlighter['codeToHtml']>[1]

/**
 * Whether VitePress asked for `v-pre` on this block (it does unless the
 * fence's language ends in `-vue`): the one input of the HTML that the
 * options carry only inside a transformer.
 */
function wantsVPre(options: HighlightOptions): boolean {
  const marker = options.transformers?.find((transformer) => transformer.name === 'vitepress:v-pre')
  // That transformer only sets a property on the node it is given: a bare node will do.
  const node = { type: 'element', tagName: 'pre', properties: {}, children: [] }
  marker?.pre?.call(undefined as never, node as never)
  return 'v-pre' in node.properties
}

/** Makes `codeToHtml` remember its HTML per code, language, fence attributes and `v-pre`. */
export function highlightOnce(highlighter: Highlighter): void {
  const highlight = highlighter.codeToHtml.bind(highlighter)
  const html = new Map<string, string>()
  highlighter.codeToHtml = (code, options) => {
    const attributes = (options.meta as { __raw?: string } | undefined)?.__raw ?? ''
    const key = JSON.stringify([code, options.lang, attributes, wantsVPre(options)])
    let found = html.get(key)
    if (found === undefined) {
      found = highlight(code, options)
      html.set(key, found)
    }
    return found
  }
}
