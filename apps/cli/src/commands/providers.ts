import type { Command } from 'commander'
import { createAdapterFor, PROVIDERS } from '../adapters.js'
import type { CommandContext } from '../program.js'

/** `providers`: what is configured, and what each provider can do. */
export function registerProvidersCommand(program: Command, context: CommandContext): void {
  program
    .command('providers')
    .description('show which providers are configured and what each can do')
    .option('--json', 'print JSON for scripts')
    .action((flags: { json?: boolean }) => {
      const rows = PROVIDERS.flatMap((provider) =>
        (provider.name === 'orkes' ? (['task', 'workflow'] as const) : [undefined]).map((resource) => {
          const adapter = createAdapterFor(provider.name, { resource })
          const missing = provider.required.filter((name) => !context.io.env[name])
          return {
            provider: resource ? `${provider.name} (--resource ${resource})` : provider.name,
            configured: missing.length === 0,
            missing,
            capabilities: adapter.capabilities,
          }
        }),
      )
      if (flags.json) {
        context.io.stdout.write(`${JSON.stringify(rows)}\n`)
        return
      }
      const { style } = context
      for (const row of rows) {
        const can = Object.entries(row.capabilities)
          .filter(([, yes]) => yes)
          .map(([name]) => name)
          .join(', ')
        const state = row.configured
          ? style.status('completed', 'configured')
          : style.dim(`set ${row.missing.join(', ')}`)
        context.io.stdout.write(`${style.bold(row.provider.padEnd(28))} ${can.padEnd(36)} ${state}\n`)
      }
    })
}
