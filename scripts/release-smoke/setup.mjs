// The release smoke test's global setup: one temporary folder and one local
// registry with every package published to it, shared by both test files, and
// the oldest declared Node installed from the npm registry meanwhile.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { publishAll, startVerdaccio } from './registry.mjs'
import { installNode, oldestDeclaredNode } from './runtimes/install.mjs'

export default async function setup({ provide }) {
  const work = mkdtempSync(join(tmpdir(), 'taskbridge-release-'))
  let verdaccio
  const teardown = async () => {
    if (verdaccio && verdaccio.exitCode === null) {
      const exited = new Promise((resolve) => verdaccio.once('exit', resolve))
      verdaccio.kill('SIGTERM')
      await exited
    }
    rmSync(work, { recursive: true, force: true })
  }
  try {
    const oldestNode = oldestDeclaredNode()
    const publishing = startVerdaccio(work).then(async (registry) => {
      verdaccio = registry.process
      await publishAll(work, registry.url, registry.token)
      return registry.url
    })
    const [registry, oldestNodeBin] = await Promise.all([publishing, installNode(work, oldestNode)])
    provide('smoke', { work, registry, oldestNode: { version: oldestNode, bin: oldestNodeBin } })
  } catch (error) {
    await teardown()
    throw error
  }
  return teardown
}
