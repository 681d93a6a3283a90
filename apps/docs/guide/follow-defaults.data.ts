// The defaults of the options every follower shares, from core's
// FOLLOW_DEFAULTS when the site is built, for the option table of
// guide/following-tasks.md.
import { FOLLOW_DEFAULTS } from '@taskbridge/core'

export default { load: () => ({ ...FOLLOW_DEFAULTS }) }
