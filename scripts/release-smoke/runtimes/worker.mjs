// The workerd Worker: a GET answers once it is serving; a POST carries the
// emulator's settings (JSON) and is answered with the program's step results.
import { runProgram } from './program.bundle.mjs'

export default {
  async fetch(request) {
    if (request.method === 'GET') return new Response('ready')
    return Response.json(await runProgram(await request.json()))
  },
}
