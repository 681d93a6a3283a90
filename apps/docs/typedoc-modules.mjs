// TypeDoc names each entry point by its path ("core/src"); the site's API
// paths are /api/<package>/…, so each module takes its package's folder name.
import { Converter } from 'typedoc'

export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const module of context.project.children ?? []) module.name = module.name.replace(/\/src$/, '')
  })
}
