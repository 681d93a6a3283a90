import { createServer, type Server } from 'node:http'
import { createTaskClient, InvalidArgumentError, toNodeListener } from '@taskbridge/core'
import { createDashboard } from '@taskbridge/dashboard'
import type { Command } from 'commander'
import { ExitCode } from '../exit-codes.js'
import type { CommandContext } from '../program.js'
import { untilStopped } from './emulate.js'

interface DashboardFlags {
  port: string
  host: string
  readOnly?: boolean
  token?: string
  json?: boolean
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1'])

function portOf(text: string): number {
  const port = Number(text)
  if (!(Number.isInteger(port) && port >= 0 && port < 65536)) {
    throw new InvalidArgumentError({ argument: 'port', message: `--port takes a port (0-65535), got "${text}"` })
  }
  return port
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new InvalidArgumentError({
              argument: 'port',
              message: `port ${port} is in use: choose another with --port`,
            })
          : error,
      ),
    )
    server.listen(port, host, () => {
      const address = server.address()
      resolve(typeof address === 'object' && address ? address.port : port)
    })
  })
}

/** `dashboard`: every configured provider's tasks on one live page, until interrupted. */
export function registerDashboardCommand(program: Command, context: CommandContext): void {
  program
    .command('dashboard')
    .description("serve a live page of every configured provider's tasks on 127.0.0.1, until Ctrl-C")
    .option('--port <port>', 'the port to listen on (default: a free one)', '0')
    .option(
      '--host <host>',
      'the address to listen on; anything but loopback exposes the page to the network',
      '127.0.0.1',
    )
    .option('--read-only', 'show tasks only: no start, pause, resume or cancel')
    .option('--token <token>', 'the token the page asks for (default: TASKBRIDGE_DASHBOARD_TOKEN, or a random one)')
    .option('--json', 'print { "url", "token" } as one JSON line instead of the Dashboard: line')
    .addHelpText(
      'after',
      `
Examples:
  $ taskbridge dashboard                     # open the printed URL; it carries the token once
  $ taskbridge dashboard --port 4000 --read-only`,
    )
    .action(async (flags: DashboardFlags) => {
      const port = portOf(flags.port)
      const adapters = await context.registry.configured(context.io.env)
      if (adapters.length === 0) {
        throw new InvalidArgumentError({
          argument: 'provider',
          message:
            'no provider is configured: set the variables of one (see taskbridge providers), or try taskbridge emulate',
        })
      }
      const token = flags.token ?? context.io.env.TASKBRIDGE_DASHBOARD_TOKEN
      const dashboard = createDashboard({
        client: createTaskClient({ adapters }),
        readOnly: flags.readOnly === true,
        ...(token ? { token } : {}),
      })
      const server = createServer(toNodeListener(dashboard))
      const stopped = untilStopped()
      try {
        const bound = await listen(server, port, flags.host)
        const host = flags.host.includes(':') ? `[${flags.host}]` : flags.host
        const url = `http://${host}:${bound}/?token=${encodeURIComponent(dashboard.token)}`
        if (flags.json) context.io.stdout.write(`${JSON.stringify({ url, token: dashboard.token })}\n`)
        else context.io.stdout.write(`Dashboard: ${url}\n`)
        const names = adapters.map((adapter) => adapter.provider).join(', ')
        context.io.stderr.write(
          `taskbridge dashboard: ${names}${flags.readOnly ? ', read-only' : ''}; stop with Ctrl-C\n`,
        )
        if (!LOOPBACK.has(flags.host)) {
          context.io.stderr.write(
            `taskbridge dashboard: listening on ${flags.host}: anyone with the token can act on your tasks\n`,
          )
        }
        const signal = await stopped
        context.io.stderr.write(`taskbridge dashboard: ${signal}, stopping\n`)
      } finally {
        server.closeAllConnections()
        await new Promise((resolve) => server.close(resolve))
        await dashboard.close()
      }
      context.exitCode = ExitCode.Ok
    })
}
