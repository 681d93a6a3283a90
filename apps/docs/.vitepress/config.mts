import { defineConfig } from 'vitepress'
import { highlightOnce } from './highlight-once.mts'
import { repositoryLinks } from './repository-links.mts'
import { sidebar } from './sidebar.mts'

// Pages include the repository's own documents (package READMEs, docs/,
// RELEASING.md, BENCHMARKS.md), so the site and npm show the same text; api/
// is TypeDoc's output from the packages' TSDoc (see typedoc.json).
export default defineConfig({
  title: 'taskbridge',
  description: 'Follow, pause, resume and cancel long-running tasks on agent and workflow platforms from TypeScript.',
  srcExclude: ['test/**', 'reports/**', '.snippets/**'],
  head: [['link', { rel: 'icon', type: 'image/svg+xml', href: '/favicon.svg' }]],
  markdown: { config: (md) => md.use(repositoryLinks), shikiSetup: highlightOnce },
  themeConfig: {
    nav: [
      { text: 'Guide', link: '/guide/introduction', activeMatch: '^/(guide|concepts|recipes)/' },
      { text: 'Providers', link: '/providers/wexa', activeMatch: '^/providers/' },
      { text: 'Reference', link: '/api/', activeMatch: '^/(api|reference|adapters)/' },
      { text: 'Contributing', link: '/contributing/architecture', activeMatch: '^/contributing/' },
    ],
    sidebar,
    outline: { level: [2, 3] },
    search: { provider: 'local' },
    socialLinks: [{ icon: 'github', link: 'https://github.com/taskbridge/taskbridge' }],
  },
})
