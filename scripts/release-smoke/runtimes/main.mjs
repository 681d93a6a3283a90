// Node, Bun and Deno run this: the emulator's settings come as the first
// argument (JSON), the step results go to standard output (JSON).
import { runProgram } from './program.mjs'

const args = globalThis.Deno ? globalThis.Deno.args : globalThis.process.argv.slice(2)
console.log(JSON.stringify(await runProgram(JSON.parse(args[0]))))
