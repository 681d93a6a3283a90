import type { Capabilities } from '@taskbridge/core'
import type { Command } from 'commander'
import { BUILT_IN_PROVIDERS, createBuiltInAdapter } from '../adapters.js'
import type { CommandContext } from '../program.js'
import { isConfigured } from '../registry.js'

/** One row of `providers --json`. */
interface ProviderRow {
  provider: string
  /** Orkes: `task` or `workflow` (`--resource`); `null` for providers without resources. */
  resource: 'task' | 'workflow' | null
  configured: boolean
  /** The variables still to set; empty when configured. */
  missing: string[]
  capabilities: Capabilities
  /** `built-in`, or `config` for an adapter from the config file. */
  source: 'built-in' | 'config'
}

/** `providers`: what is configured, and what each provider can do. */
export function registerProvidersCommand(program: Command, context: CommandContext): void {
  program
    .command('providers')
    .description('show which providers are configured and what each can do')
    .option('--json', 'print JSON for scripts: [{ provider, resource, configured, missing, capabilities, source }]')
    .addHelpText('after', '\nExamples:\n  $ taskbridge providers\n  $ taskbridge providers --json')
    .action(async (flags: { json?: boolean }) => {
      const custom = await context.registry.custom()
      const builtIn = BUILT_IN_PROVIDERS.filter(
        (provider) => !custom.some((adapter) => adapter.provider === provider.name),
      )
      const rows: ProviderRow[] = [
        ...builtIn.flatMap((provider) =>
          (provider.name === 'orkes' ? (['task', 'workflow'] as const) : [null]).map((resource) => ({
            provider: provider.name,
            resource,
            configured: isConfigured(provider.name, context.io.env),
            missing: provider.required.filter((name) => !context.io.env[name]),
            capabilities: createBuiltInAdapter(provider.name, resource ? { resource } : {}).capabilities,
            source: 'built-in' as const,
          })),
        ),
        ...custom.map((adapter) => ({
          provider: adapter.provider,
          resource: null,
          configured: true,
          missing: [],
          capabilities: adapter.capabilities,
          source: 'config' as const,
        })),
      ]
      if (flags.json) {
        context.io.stdout.write(`${JSON.stringify(rows)}\n`)
        return
      }
      const { style } = context
      for (const row of rows) {
        const name = row.resource ? `${row.provider} (--resource ${row.resource})` : row.provider
        const can = Object.entries(row.capabilities)
          .filter(([, yes]) => yes)
          .map(([capability]) => capability)
          .join(', ')
        const state = row.configured
          ? style.status('completed', row.source === 'config' ? 'from the config file' : 'configured')
          : style.dim(`set ${row.missing.join(', ')}`)
        context.io.stdout.write(`${style.bold(name.padEnd(28))} ${can.padEnd(36)} ${state}\n`)
      }
    })
}
