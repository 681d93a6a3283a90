// Names that left the xpander adapter's documented surface: how the parser
// fills `request`. They keep working until 2.0, so code written against 0.x
// or 1.0-rc still compiles.
import * as request from './request.js'

/**
 * What an xpander task waiting for a person asks.
 *
 * @deprecated internal, will be removed in 2.0: read the parsed task's `request`.
 */
export const xpanderRequestOf: typeof request.xpanderRequestOf = request.xpanderRequestOf
