// Runs the program in Cloudflare's workerd, without nodejs_compat: the Worker
// (worker.mjs and the bundled program) served by `workerd serve` with a
// generated Cap'n Proto config, its outbound fetches allowed to loopback
// only, driven by HTTP requests from the test.
import { spawn } from 'node:child_process'
import { copyFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { freePort } from '../registry.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const COMPATIBILITY_DATE = '2026-11-01'

function capnpConfig(port) {
  return `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .matrixWorker),
    (name = "loopback", network = (allow = ["local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);

const matrixWorker :Workerd.Worker = (
  modules = [
    (name = "worker.mjs", esModule = embed "worker.mjs"),
    (name = "program.bundle.mjs", esModule = embed "program.bundle.mjs"),
  ],
  compatibilityDate = "${COMPATIBILITY_DATE}",
  globalOutbound = "loopback",
);
`
}

async function waitUntilServing(url, child, output) {
  for (let attempt = 0; attempt < 150; attempt++) {
    if (child.exitCode !== null) throw new Error(`workerd exited (${child.exitCode}): ${output.join('').trim()}`)
    try {
      if ((await fetch(url)).ok) return
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error(`workerd did not serve ${url}: ${output.join('').trim()}`)
}

/** Serves the Worker from `dir` (which holds program.bundle.mjs), POSTs `config` and answers the step results. */
export async function runInWorkerd(binary, dir, config, runtimeEnv) {
  copyFileSync(join(here, 'worker.mjs'), join(dir, 'worker.mjs'))
  const port = await freePort()
  writeFileSync(join(dir, 'matrix.capnp'), capnpConfig(port))
  const output = []
  const child = spawn(binary, ['serve', 'matrix.capnp'], {
    cwd: dir,
    env: runtimeEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout.on('data', (chunk) => output.push(String(chunk)))
  child.stderr.on('data', (chunk) => output.push(String(chunk)))
  const url = `http://127.0.0.1:${port}/`
  try {
    await waitUntilServing(url, child, output)
    const answer = await fetch(url, { method: 'POST', body: JSON.stringify(config) })
    if (!answer.ok) throw new Error(`the Worker answered ${answer.status}: ${await answer.text()} ${output.join('')}`)
    return await answer.json()
  } finally {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      await exited
    }
  }
}
