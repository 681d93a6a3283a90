import { InvalidPayloadError, TaskSchema } from '@taskbridge/core'
import { thrownBy } from '@taskbridge/testkit'
import { describe, expect, it } from 'vitest'
import {
  A2A_REASON_TABLE,
  A2A_STATUS_TABLE,
  credentialSchemesOf,
  mapA2AStatus,
  mergeA2AUpdate,
  parseA2AStreamEvent,
  parseA2ATask,
  selectInterface,
} from '../src/index.js'

// Recorded from the @a2a-js/sdk 1.3 server of test/sdk-server.ts: GetTask
// (v1.0, ProtoJSON) and tasks/get (v0.3) of the same completed task.
const v1 = {
  id: '9d14c61d-bc05-42a3-802f-5685c7d2c7fe',
  contextId: 'ed76998c-6b37-498c-bc6b-1e22cf569d11',
  status: { state: 'TASK_STATE_COMPLETED', timestamp: '2026-12-01T20:51:31.700Z' },
  artifacts: [
    {
      artifactId: 'bea7a8ed-bbb6-4ff7-a94a-e30bcb9f6d3a',
      name: 'answer',
      parts: [{ text: 'The answer is 42.', mediaType: 'text/plain' }],
    },
  ],
  history: [{ messageId: 'm1', role: 'ROLE_USER', parts: [{ text: 'answer' }] }],
  metadata: { script: 'answer' },
}
const v03 = {
  kind: 'task',
  id: v1.id,
  contextId: v1.contextId,
  status: { state: 'completed', timestamp: '2026-12-01T20:51:31.700Z' },
  history: [{ kind: 'message', messageId: 'm1', role: 'user', parts: [{ kind: 'text', text: 'answer' }] }],
  artifacts: [{ artifactId: 'bea7a8ed', parts: [{ kind: 'data', data: { answer: 42 } }], name: 'answer' }],
  metadata: { script: 'answer' },
}

describe('parseA2ATask', () => {
  it('maps a v1.0 task', () => {
    const task = parseA2ATask(v1)
    expect(task).toMatchObject({
      id: v1.id,
      provider: 'a2a',
      status: 'completed',
      providerStatus: 'TASK_STATE_COMPLETED',
      parentId: v1.contextId,
      input: 'answer',
      output: { format: 'text', value: 'The answer is 42.' },
      metadata: {
        protocolVersion: '1.0',
        contextId: v1.contextId,
        historyLength: 1,
        taskMetadata: { script: 'answer' },
      },
    })
    expect(task.updatedAt?.toISOString()).toBe('2026-12-01T20:51:31.700Z')
    expect(task.finishedAt).toEqual(task.updatedAt)
    expect(task.raw).toBe(v1)
    expect(TaskSchema.parse(JSON.parse(JSON.stringify(task))).status).toBe('completed')
  })

  it('maps a v0.3 task, a single data part as json', () => {
    const task = parseA2ATask(v03)
    expect(task).toMatchObject({
      status: 'completed',
      input: 'answer',
      output: { format: 'json', value: { answer: 42 } },
    })
    expect(task.metadata.protocolVersion).toBe('0.3')
  })

  it.each([
    [
      [{ text: '# Title', mediaType: 'text/markdown' }, { text: 'more' }],
      { format: 'markdown', value: '# Title\n\nmore' },
    ],
    [[{ data: 1 }, { data: 2 }], { format: 'json', value: [1, 2] }],
    [
      [{ text: 'a' }, { url: 'https://x/y.pdf' }],
      { format: 'data', value: [{ text: 'a' }, { url: 'https://x/y.pdf' }] },
    ],
  ])('maps the parts %j to %j', (parts, output) => {
    expect(parseA2ATask({ ...v1, artifacts: [{ artifactId: 'a', parts }] }).output).toEqual(output)
  })

  it('has no output without artifacts, and no finishedAt while active', () => {
    const task = parseA2ATask({ ...v1, status: { state: 'TASK_STATE_WORKING' }, artifacts: [] })
    expect(task.output).toBeUndefined()
    expect(task.finishedAt).toBeUndefined()
  })

  it('reports a failed or rejected task’s status message as its error', () => {
    const message = { role: 'ROLE_AGENT', parts: [{ text: 'I do not do that.' }] }
    const task = parseA2ATask({ ...v1, status: { state: 'TASK_STATE_REJECTED', message } })
    expect(task).toMatchObject({
      status: 'failed',
      reason: 'rejected',
      error: { message: 'I do not do that.', code: 'TASK_STATE_REJECTED' },
      metadata: { statusMessage: 'I do not do that.' },
    })
  })

  it('needs only id and status.state', () => {
    expect(parseA2ATask({ id: 't', status: { state: 'working' } })).toMatchObject({ status: 'running', metadata: {} })
  })

  it.each([
    ['no id', { status: { state: 'working' } }, ['id']],
    ['no status', { id: 't' }, ['status']],
    [
      'parts as a string',
      { id: 't', status: { state: 'working' }, artifacts: [{ parts: 'x' }] },
      ['artifacts', 0, 'parts'],
    ],
  ])('rejects %s with InvalidPayloadError keeping raw', (_, payload, path) => {
    const error = thrownBy(() => parseA2ATask(payload)) as InvalidPayloadError
    expect(InvalidPayloadError.is(error)).toBe(true)
    expect(error.raw).toBe(payload)
    expect(error.issues[0]?.path).toEqual(path)
  })
})

describe('A2A states', () => {
  it.each(Object.entries(A2A_STATUS_TABLE))('%s maps to %s', (state, status) => {
    expect(mapA2AStatus(state)).toBe(status)
    const task = parseA2ATask({ ...v1, status: { state } })
    expect(task).toMatchObject({ status, providerStatus: state })
    expect(task.reason).toBe(A2A_REASON_TABLE[state])
  })

  it.each(['TASK_STATE_UNSPECIFIED', 'unknown', 'TASK_STATE_PAUSED', 'toString'])(
    'maps %s to unknown, keeping it',
    (state) => {
      expect(parseA2ATask({ ...v1, status: { state } })).toMatchObject({ status: 'unknown', providerStatus: state })
    },
  )
})

describe('stream events', () => {
  const working = parseA2ATask({ ...v1, status: { state: 'TASK_STATE_WORKING' }, artifacts: [] })

  it('merges a status update and an artifact update, appending parts to the same artifact', () => {
    const artifact = { artifactId: 'a1', parts: [{ text: 'Hello' }] }
    let task = mergeA2AUpdate(working, parseA2AStreamEvent({ artifactUpdate: { taskId: v1.id, artifact } }))
    const more = { artifactId: 'a1', parts: [{ text: 'world' }] }
    task = mergeA2AUpdate(
      task,
      parseA2AStreamEvent({ artifactUpdate: { taskId: v1.id, artifact: more, append: true } }),
    )
    expect(task.output).toEqual({ format: 'text', value: 'Hello\n\nworld' })
    const status = { state: 'completed', timestamp: '2026-12-01T21:00:00Z' }
    task = mergeA2AUpdate(task, parseA2AStreamEvent({ kind: 'status-update', taskId: v1.id, status, final: true }))
    expect(task).toMatchObject({
      status: 'completed',
      providerStatus: 'completed',
      output: { value: 'Hello\n\nworld' },
    })
    expect(working.raw).toMatchObject({ artifacts: [], status: { state: 'TASK_STATE_WORKING' } })
  })

  it('keeps the name of the adapter the task came from', () => {
    const named = { ...working, adapter: 'agents', provider: 'agents' }
    const status = { state: 'completed', timestamp: '2026-12-01T21:00:00Z' }
    const task = mergeA2AUpdate(
      named,
      parseA2AStreamEvent({ kind: 'status-update', taskId: v1.id, status, final: true }),
    )
    expect(task).toMatchObject({ adapter: 'agents', provider: 'agents', status: 'completed' })
  })

  it('replaces an artifact of the same id without append, and ignores messages', () => {
    const first = { artifactId: 'a1', parts: [{ text: 'draft' }] }
    const second = { artifactId: 'a1', parts: [{ text: 'final' }] }
    let task = mergeA2AUpdate(working, parseA2AStreamEvent({ artifactUpdate: { taskId: v1.id, artifact: first } }))
    task = mergeA2AUpdate(
      task,
      parseA2AStreamEvent(JSON.stringify({ artifactUpdate: { taskId: v1.id, artifact: second } })),
    )
    expect(task.output?.value).toBe('final')
    expect(mergeA2AUpdate(task, parseA2AStreamEvent({ message: { parts: [] } }))).toBe(task)
  })

  it('refuses an update for another task, and an event of no known kind', () => {
    const other = parseA2AStreamEvent({ statusUpdate: { taskId: 'other', status: { state: 'TASK_STATE_FAILED' } } })
    expect(InvalidPayloadError.is(thrownBy(() => mergeA2AUpdate(working, other)))).toBe(true)
    expect(InvalidPayloadError.is(thrownBy(() => parseA2AStreamEvent({ heartbeat: true })))).toBe(true)
  })
})

describe('agent cards', () => {
  const v1Card = {
    supportedInterfaces: [
      { url: 'https://a/grpc', protocolBinding: 'GRPC', protocolVersion: '1.0' },
      { url: 'https://a/rest', protocolBinding: 'HTTP+JSON', protocolVersion: '1.0' },
      { url: 'https://a/rpc03', protocolBinding: 'JSONRPC', protocolVersion: '0.3' },
      { url: 'https://a/rpc', protocolBinding: 'JSONRPC', protocolVersion: '1.0' },
    ],
    securitySchemes: {
      key: { apiKeySecurityScheme: { location: 'header', name: 'X-Agent-Key' } },
      bearer: { httpAuthSecurityScheme: { scheme: 'Bearer' } },
      mtls: { mtlsSecurityScheme: {} },
    },
  }
  const v03Card = {
    url: 'https://b/rpc',
    preferredTransport: 'JSONRPC',
    protocolVersion: '0.3.0',
    additionalInterfaces: [{ url: 'https://b/rest', transport: 'HTTP+JSON' }],
    securitySchemes: { oidc: { type: 'openIdConnect', openIdConnectUrl: 'https://b/.well-known/openid' } },
  }

  it('picks the first interface it speaks, v1.0 first, or the one asked for', () => {
    expect(selectInterface(v1Card)).toEqual({ url: 'https://a/rest', binding: 'HTTP+JSON', protocolVersion: '1.0' })
    expect(selectInterface(v1Card, { binding: 'JSONRPC' })?.url).toBe('https://a/rpc')
    expect(selectInterface(v1Card, { protocolVersion: '0.3' })?.url).toBe('https://a/rpc03')
    expect(selectInterface(v03Card)).toEqual({ url: 'https://b/rpc', binding: 'JSONRPC', protocolVersion: '0.3' })
    // v0.3 over HTTP+JSON is not spoken.
    expect(selectInterface(v03Card, { binding: 'HTTP+JSON' })).toBeUndefined()
  })

  it('reads the API-key and bearer schemes of each card form', () => {
    expect(credentialSchemesOf(v1Card)).toEqual([{ type: 'apiKey', header: 'X-Agent-Key' }, { type: 'bearer' }])
    expect(credentialSchemesOf(v03Card)).toEqual([{ type: 'bearer' }])
    const sdkForm = {
      k: { scheme: { $case: 'apiKeySecurityScheme', value: { location: 'header', name: 'x-api-key' } } },
    }
    expect(credentialSchemesOf({ securitySchemes: sdkForm })).toEqual([{ type: 'apiKey', header: 'x-api-key' }])
    const inQuery = { k: { type: 'apiKey', in: 'query', name: 'key' } }
    expect(credentialSchemesOf({ securitySchemes: inQuery })).toEqual([])
  })
})
