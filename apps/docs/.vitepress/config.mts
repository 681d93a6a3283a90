import { defineConfig } from 'vitepress'

// Pages include the repository's own documents (package READMEs, the guide,
// BENCHMARKS.md), so the site and npm show the same text.
export default defineConfig({
  title: 'taskbridge',
  description: 'Follow, pause, resume and cancel long-running tasks on agent and workflow platforms from TypeScript.',
  srcExclude: ['test/**', 'reports/**'],
  head: [['link', { rel: 'icon', type: 'image/svg+xml', href: '/favicon.svg' }]],
  themeConfig: {
    nav: [
      { text: 'Guide', link: '/guide/getting-started' },
      { text: 'Adapters', link: '/adapters/wexa' },
      { text: 'Reference', link: '/reference/core' },
      { text: 'Benchmarks', link: '/benchmarks' },
    ],
    sidebar: [
      {
        text: 'Guide',
        items: [
          { text: 'Getting started', link: '/guide/getting-started' },
          { text: 'Following tasks', link: '/guide/following-tasks' },
          { text: 'Webhooks', link: '/guide/webhooks' },
          { text: 'The CLI', link: '/guide/cli' },
          { text: 'Writing an adapter', link: '/guide/writing-an-adapter' },
          { text: 'Releasing', link: '/guide/releasing' },
        ],
      },
      {
        text: 'Adapters',
        items: [
          { text: 'Wexa', link: '/adapters/wexa' },
          { text: 'xpander.ai', link: '/adapters/xpander' },
          { text: 'Orkes Conductor', link: '/adapters/orkes' },
          { text: 'Agent2Agent (A2A)', link: '/adapters/a2a' },
        ],
      },
      {
        text: 'Reference',
        items: [
          { text: '@taskbridge/core', link: '/reference/core' },
          { text: '@taskbridge/provider-utils', link: '/reference/provider-utils' },
          { text: '@taskbridge/testkit', link: '/reference/testkit' },
          { text: '@taskbridge/watcher', link: '/reference/watcher' },
        ],
      },
      { text: 'Benchmarks', link: '/benchmarks' },
    ],
    search: { provider: 'local' },
    socialLinks: [{ icon: 'github', link: 'https://github.com/taskbridge/taskbridge' }],
  },
})
