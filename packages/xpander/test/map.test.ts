import { readFileSync } from 'node:fs'
import { InvalidPayloadError } from '@taskbridge/core'
import { thrownBy } from '@taskbridge/testkit'
import { describe, expect, expectTypeOf, it } from 'vitest'
import {
  mapXpanderStatus,
  parseXpanderTask,
  parseXpanderTaskListItem,
  XPANDER_STATUS_TABLE,
  type XpanderTask,
  type XpanderTaskPayload,
} from '../src/index.js'

// The xpander seed documents fields but gives no example payload; these
// fixtures are records built from that field list (captured from the testkit
// emulator), and the variants below are derived from them.
function fixture<T = XpanderTaskPayload>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8')) as T
}

const markdown = fixture('completedMarkdown')
const json = fixture('completedJson')
const hitl = fixture('pausedHitl')
const eca = fixture('pausedEca')
const failed = fixture('failed')
const executing = fixture('executingText')
const parent = fixture('parentExecuting')
const page = fixture<{ items: XpanderTaskPayload[] }>('list-page')

describe('parseXpanderTask: the full record', () => {
  it('maps a completed markdown task', () => {
    const task = parseXpanderTask(markdown)
    expect(task).toMatchObject({
      id: markdown.id,
      provider: 'xpander',
      status: 'completed',
      providerStatus: 'completed',
      input: markdown.input?.text,
      output: { format: 'markdown', value: markdown.result },
    })
    expect(task.createdAt?.toISOString()).toBe(new Date(markdown.created_at as string).toISOString())
    expect(task.startedAt).toBeInstanceOf(Date)
    expect(task.finishedAt).toBeInstanceOf(Date)
    expect(task.metadata).toMatchObject({
      agentId: markdown.agent_id,
      organizationId: markdown.organization_id,
      source: markdown.source,
      outputFormat: 'markdown',
      thinkMode: markdown.think_mode,
      isManuallyStopped: false,
      llm: { llm_provider: 'openai', llm_model_name: 'gpt-5', llm_reasoning_effort: 'medium' },
    })
    expect(task.metadata.summary).toBeUndefined()
    expect(task.raw).toBe(markdown)
  })

  it('keeps the microseconds’ millisecond part of ISO times', () => {
    const task = parseXpanderTask({ ...markdown, created_at: '2026-01-01T09:00:01.250999Z' })
    expect(task.createdAt?.toISOString()).toBe('2026-01-01T09:00:01.250Z')
  })

  it('parses a json result into a value', () => {
    const task = parseXpanderTask(json)
    expect(task.output).toEqual({ format: 'json', value: JSON.parse(json.result as string) })
  })

  it('keeps a json result nested 20,000 levels deep as text, with the reason, so the task serialises', () => {
    const deep = `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`
    const task = parseXpanderTask({ ...json, result: deep })
    expect(task.output).toEqual({ format: 'text', value: deep })
    expect(task.metadata.outputParseError).toBe('JSON nested deeper than 1000 levels')
    expect(() => JSON.stringify(task)).not.toThrow()
  })

  it('keeps a json result that does not parse as text, and flags it', () => {
    const task = parseXpanderTask({ ...json, result: '{"answer": 42' })
    expect(task.output).toEqual({ format: 'text', value: '{"answer": 42' })
    expect(task.metadata.outputParseError).toEqual(expect.any(String))
  })

  it.each(['text', 'voice'] as const)('maps a %s result as it is', (format) => {
    expect(parseXpanderTask({ ...markdown, output_format: format }).output).toEqual({ format, value: markdown.result })
  })

  it('treats an output format it does not know as text', () => {
    expect(parseXpanderTask({ ...markdown, output_format: 'html' }).output?.format).toBe('text')
  })

  it.each([null, ''])('has no output while the result is %j', (result) => {
    const task = parseXpanderTask({ ...executing, result })
    expect(task.status).toBe('running')
    expect(task.output).toBeUndefined()
  })

  it('reports a failed task’s result as its error', () => {
    const task = parseXpanderTask(failed)
    expect(task.status).toBe('failed')
    expect(task.error).toEqual({ message: failed.result, code: 'failed' })
  })

  it('keeps sub-executions and the parent', () => {
    const task = parseXpanderTask(parent)
    expect(task.metadata.subExecutions).toEqual(parent.sub_executions)
    const child = parseXpanderTask({ ...markdown, parent_execution: parent.id })
    expect(child.parentId).toBe(parent.id)
    expect(child.metadata.parentExecution).toBe(parent.id)
  })
})

describe('xpander statuses', () => {
  it.each(Object.entries(XPANDER_STATUS_TABLE))('%s maps to %s', (providerStatus, status) => {
    expect(mapXpanderStatus(providerStatus)).toBe(status)
    const plain = { ...markdown, status: providerStatus, hitl_request: null, pending_eca_request: null }
    expect(parseXpanderTask(plain)).toMatchObject({ status, providerStatus })
  })

  it('maps paused with a HITL request to waiting_for_input, keeping the request', () => {
    const task = parseXpanderTask(hitl)
    expect(task.status).toBe('waiting_for_input')
    expect(task.providerStatus).toBe('paused')
    expect(task.reason).toBe('approval')
    // All of it, the fields the schema does not declare (title, content…) too.
    expect(task.metadata.hitlRequest).toEqual(hitl.hitl_request)
    expect(task.metadata.hitlRequest).toMatchObject({ wait_node_id: 'node-approve-refund', title: 'Approve refund' })
    expect(task.metadata.pausedAt).toBeInstanceOf(Date)
  })

  it('maps paused with a pending ECA request to waiting_for_input, keeping the request', () => {
    const task = parseXpanderTask(eca)
    expect(task.status).toBe('waiting_for_input')
    expect(task.reason).toBe('auth')
    expect(task.metadata.pendingEcaRequest).toEqual(eca.pending_eca_request)
    expect(task.metadata.pendingEcaRequest).toMatchObject({
      connector_name: expect.any(String),
      auth_url: expect.any(String),
    })
  })

  it("says what a HITL request asks: an approve-or-reject decision, with the older shape's title and content", () => {
    expect(parseXpanderTask(hitl).request).toEqual({
      kind: 'approval',
      title: 'Approve refund',
      message: 'Refund order #1042 for 350.00 EUR?',
      choices: [
        { value: 'approve', label: 'Approve' },
        { value: 'reject', label: 'Reject' },
      ],
      metadata: { hitl_request: hitl.hitl_request },
    })
  })

  it('says what a current HITL request asks, which has only wait_node_id', () => {
    const current = parseXpanderTask({ ...hitl, hitl_request: { wait_node_id: 'node-1' } })
    expect(current.request).toMatchObject({ kind: 'approval', metadata: { hitl_request: { wait_node_id: 'node-1' } } })
    expect(current.request?.title).toBeUndefined()
  })

  it('drops an older-shape field of the wrong type instead of refusing the task', () => {
    const odd = parseXpanderTask({ ...hitl, hitl_request: { wait_node_id: 'node-1', title: 42 } })
    expect(odd.status).toBe('waiting_for_input')
    expect(odd.request?.title).toBeUndefined()
  })

  it('says what a pending ECA request asks: a sign-in at its auth_url', () => {
    expect(parseXpanderTask(eca).request).toEqual({
      kind: 'auth',
      message: 'Authorise the Google Drive connector to continue',
      url: 'https://auth.xpander.ai/connect/google-drive?state=emulator',
      metadata: { pending_eca_request: eca.pending_eca_request },
    })
  })

  it('maps paused with neither request to paused', () => {
    const paused = parseXpanderTask({ ...hitl, hitl_request: null })
    expect(paused.status).toBe('paused')
    expect(paused.reason).toBeUndefined()
    expect(paused.request).toBeUndefined()
  })

  it.each(['archived', 'Completed', 'toString'])(
    'maps an unknown status %j to unknown and keeps it',
    (providerStatus) => {
      expect(parseXpanderTask({ ...markdown, status: providerStatus })).toMatchObject({
        status: 'unknown',
        providerStatus,
      })
    },
  )
})

describe('parseXpanderTaskListItem', () => {
  it('maps the smaller shape and marks it as a summary', () => {
    for (const item of page.items) {
      const task = parseXpanderTaskListItem(item)
      expect(task.id).toBe(item.id)
      expect(task.metadata.summary).toBe(true)
      expect(task.startedAt).toBeUndefined()
      expect(task.updatedAt).toBeInstanceOf(Date)
      expect(task.raw).toBe(item)
    }
  })

  it('takes the name from the title and the parent from parent_task_id', () => {
    const task = parseXpanderTaskListItem({ ...page.items[0], title: 'Weekly digest', parent_task_id: 'parent-1' })
    expect(task.name).toBe('Weekly digest')
    expect(task.parentId).toBe('parent-1')
  })

  it('is what the deprecated parseXpanderTask(payload, { summary: true }) still calls', () => {
    const source = { method: 'GET', url: 'http://127.0.0.1/v1/tasks', status: 200 }
    expect(parseXpanderTask(page.items[0], { summary: true, ...source })).toEqual(
      parseXpanderTaskListItem(page.items[0], source),
    )
    expect(parseXpanderTask(page.items[0]).metadata.summary).toBeUndefined()
    expectTypeOf<XpanderTask>().toEqualTypeOf<XpanderTaskPayload>()
  })
})

describe('parseXpanderTask: variants and bad payloads', () => {
  it('needs only id and status', () => {
    expect(parseXpanderTask({ id: 't', status: 'pending' })).toMatchObject({ id: 't', status: 'pending', metadata: {} })
  })

  it('accepts null for every optional field', () => {
    const nulls = Object.fromEntries(Object.keys(markdown).map((key) => [key, null]))
    expect(parseXpanderTask({ ...nulls, id: 't', status: 'completed' })).toMatchObject({ status: 'completed' })
  })

  it('accepts a user with only some of its fields', () => {
    const task = parseXpanderTask({ id: 't', status: 'pending', input: { text: 'hi', user: { email: 'a@b.c' } } })
    expect(task.input).toBe('hi')
  })

  it('lets unknown fields through into raw', () => {
    const payload = { ...markdown, brand_new_field: { nested: true } }
    expect(parseXpanderTask(payload).raw).toBe(payload)
  })

  it('accepts the JSON text', () => {
    expect(parseXpanderTask(JSON.stringify(markdown)).raw).toEqual(markdown)
  })

  it.each([
    ['no id', { status: 'completed' }, ['id']],
    ['a numeric status', { id: 't', status: 3 }, ['status']],
    ['result as an object', { id: 't', status: 'completed', result: { a: 1 } }, ['result']],
    ['input.files as a string', { id: 't', status: 'completed', input: { files: 'a.pdf' } }, ['input', 'files']],
  ])('rejects %s with InvalidPayloadError keeping raw', (_, payload, path) => {
    const error = thrownBy(() => parseXpanderTask(payload)) as InvalidPayloadError
    expect(InvalidPayloadError.is(error)).toBe(true)
    expect(error.raw).toBe(payload)
    expect(error.issues[0]?.path).toEqual(path)
  })

  it('rejects text that is not JSON, keeping the text', () => {
    const error = thrownBy(() => parseXpanderTask('{"detail":')) as InvalidPayloadError
    expect(InvalidPayloadError.is(error)).toBe(true)
    expect(error.raw).toBe('{"detail":')
  })
})
