// Rewritten by scripts/sync-versions.mjs when `changeset version` bumps the
// package; test/headers.test.ts fails if it differs from package.json.

/** This package's version, as in its package.json. */
export const PACKAGE_VERSION = '1.0.0-rc.0'

/** The User-Agent this adapter sends: `taskbridge-xpander/<version>`. */
export const USER_AGENT: string = `taskbridge-xpander/${PACKAGE_VERSION}`
