import type { EmulatorReply, EmulatorRequest } from '../toolkit/server.js'

type JsonRpcHandler = (request: EmulatorRequest) => Promise<EmulatorReply>

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function messageIdOf(body: unknown): string | undefined {
  const params = isRecord(body) ? body.params : undefined
  const message = isRecord(params) ? params.message : undefined
  const id = isRecord(message) ? message.messageId : undefined
  return typeof id === 'string' && id !== '' ? id : undefined
}

function taskIdOf(reply: EmulatorReply): string | undefined {
  const result = isRecord(reply.body) ? reply.body.result : undefined
  const task = isRecord(result) ? result.task : undefined
  return isRecord(task) && typeof task.id === 'string' ? task.id : undefined
}

/**
 * `SendMessage` that sends each message once: a message whose `messageId`
 * was sent before gets that message's task back, as it is now, instead of a
 * second task. (The A2A spec has the sender name each message; that an agent
 * drops a repeat is what the emulator chooses, for taskbridge's idempotent
 * starts.) `forget` empties the memory, on reset.
 */
export function sendEachMessageOnce(serve: JsonRpcHandler): { serve: JsonRpcHandler; forget: () => void } {
  const taskOfMessage = new Map<string, string>()
  return {
    forget: () => taskOfMessage.clear(),
    serve: async (request) => {
      const messageId = messageIdOf(request.body)
      const known = messageId === undefined ? undefined : taskOfMessage.get(messageId)
      if (known === undefined) {
        const reply = await serve(request)
        const taskId = taskIdOf(reply)
        if (messageId !== undefined && taskId !== undefined) taskOfMessage.set(messageId, taskId)
        return reply
      }
      const id = (request.body as { id?: unknown }).id ?? null
      const read = await serve({ ...request, body: { jsonrpc: '2.0', id, method: 'GetTask', params: { id: known } } })
      if (!isRecord(read.body) || !('result' in read.body)) return read
      return { ...read, body: { jsonrpc: '2.0', id, result: { task: read.body.result } } }
    },
  }
}
