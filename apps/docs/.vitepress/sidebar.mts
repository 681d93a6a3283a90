// The site map of docs-plan.md: the sidebar, and the list of pages the page
// check opens (test/pages.test.ts), so a planned page that is missing fails.
import type { DefaultTheme } from 'vitepress'

/** The packages with a generated API reference under /api/<package>/. */
export const API_PACKAGES = [
  'core',
  'provider-utils',
  'wexa',
  'xpander',
  'orkes',
  'a2a',
  'mcp',
  'testkit',
  'watcher',
  'bullmq',
  'dashboard',
] as const

export const sidebar: DefaultTheme.SidebarItem[] = [
  {
    text: 'Introduction',
    items: [
      { text: 'Introduction', link: '/guide/introduction' },
      { text: 'Getting started', link: '/guide/getting-started' },
      { text: 'Installation', link: '/guide/installation' },
      { text: 'Runtimes and module formats', link: '/guide/runtimes' },
      { text: 'Versioning and stability', link: '/guide/versioning' },
    ],
  },
  {
    text: 'Concepts',
    items: [
      { text: 'The Task model', link: '/concepts/task-model' },
      { text: 'Statuses', link: '/concepts/statuses' },
      { text: 'Adapters and capabilities', link: '/concepts/adapters' },
    ],
  },
  {
    text: 'Guides',
    items: [
      { text: 'Following a task', link: '/guide/following-tasks' },
      { text: 'Listing and paging', link: '/guide/listing' },
      { text: 'Pause, resume and cancel', link: '/guide/controlling-tasks' },
      { text: 'Several providers in one app', link: '/guide/multiple-providers' },
      { text: 'Webhooks', link: '/guide/webhooks' },
      { text: 'Errors', link: '/guide/errors' },
      { text: 'Timeouts and AbortSignal', link: '/guide/timeouts' },
      { text: 'Retries and rate limits', link: '/guide/retries' },
      { text: 'Credentials and configuration', link: '/guide/configuration' },
      { text: 'Security', link: '/guide/security' },
      { text: 'Watching many tasks', link: '/guide/watching-many' },
      { text: 'Watching from many processes', link: '/guide/distributed-watcher' },
      { text: 'The dashboard', link: '/guide/dashboard' },
    ],
  },
  {
    text: 'Providers',
    items: [
      { text: 'Wexa', link: '/providers/wexa' },
      { text: 'xpander.ai', link: '/providers/xpander' },
      { text: 'Orkes Conductor', link: '/providers/orkes' },
      { text: 'Agent2Agent', link: '/providers/a2a' },
      { text: 'Model Context Protocol', link: '/providers/mcp' },
      { text: 'Coming from the Orkes SDK', link: '/guide/from-orkes-sdk' },
    ],
  },
  {
    text: 'Testing and extending',
    items: [
      { text: 'Testing your app', link: '/guide/testing' },
      { text: 'Writing an adapter', link: '/guide/writing-an-adapter' },
      { text: 'The CLI', link: '/guide/cli' },
    ],
  },
  {
    text: 'Recipes',
    items: [
      { text: 'A status route', link: '/recipes/status-route' },
      { text: 'A background worker', link: '/recipes/background-worker' },
      { text: 'Notify when input is needed', link: '/recipes/input-needed' },
    ],
  },
  {
    text: 'Help',
    items: [
      { text: 'Troubleshooting and FAQ', link: '/guide/troubleshooting' },
      { text: 'Glossary', link: '/guide/glossary' },
    ],
  },
  {
    text: 'Reference',
    items: [
      {
        text: 'API',
        link: '/api/',
        collapsed: true,
        items: API_PACKAGES.map((name) => ({ text: `@taskbridge/${name}`, link: `/api/${name}/` })),
      },
      {
        text: 'Package READMEs',
        collapsed: true,
        items: [
          { text: '@taskbridge/core', link: '/reference/core' },
          { text: '@taskbridge/provider-utils', link: '/reference/provider-utils' },
          { text: '@taskbridge/wexa', link: '/adapters/wexa' },
          { text: '@taskbridge/xpander', link: '/adapters/xpander' },
          { text: '@taskbridge/orkes', link: '/adapters/orkes' },
          { text: '@taskbridge/a2a', link: '/adapters/a2a' },
          { text: '@taskbridge/mcp', link: '/adapters/mcp' },
          { text: '@taskbridge/testkit', link: '/reference/testkit' },
          { text: '@taskbridge/watcher', link: '/reference/watcher' },
          { text: '@taskbridge/bullmq', link: '/reference/bullmq' },
          { text: '@taskbridge/dashboard', link: '/reference/dashboard' },
          { text: '@taskbridge/cli', link: '/reference/cli' },
        ],
      },
    ],
  },
  {
    text: 'Contributing',
    collapsed: true,
    items: [
      { text: 'From a clone', link: '/contributing/from-a-clone' },
      { text: 'Architecture', link: '/contributing/architecture' },
      { text: 'Releasing', link: '/contributing/releasing' },
      { text: 'Benchmarks', link: '/contributing/benchmarks' },
    ],
  },
]

/** Every page the sidebar links to, depth first, in its order. */
export function sidebarLinks(items: readonly DefaultTheme.SidebarItem[] = sidebar): string[] {
  return items.flatMap((item) => [...(item.link ? [item.link] : []), ...sidebarLinks(item.items ?? [])])
}
