import { ProviderApiError, TaskNotFoundError, UnsupportedOperationError, waitForTask } from '@taskbridge/core'
import {
  MCP_EMULATOR_ANSWER,
  MCP_EMULATOR_QUESTION,
  MCP_INPUT_REQUESTS,
  type McpEmulator,
  type McpEmulatorOutcome,
  rejectionOf,
  startMcpEmulator,
  startMcpExtensionEmulator,
} from '@taskbridge/testkit'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createMcpAdapter, type McpAdapter } from '../src/index.js'

const waitLimit = { timeout: 20_000, interval: 10 }

const forms = [
  { form: '2025-11-25', start: () => startMcpEmulator() },
  { form: 'extension', start: () => startMcpExtensionEmulator() },
] as const

describe.each(forms)('the adapter against the testkit MCP emulator, $form form', ({ form, start }) => {
  let server: McpEmulator
  beforeAll(async () => {
    server = await start()
  })
  afterEach(() => server.reset())
  afterAll(() => server.close())
  const adapter = () => createMcpAdapter({ url: server.mcpUrl, token: server.token })

  /** Starts the tool with this outcome and moves the clock past its end, reading the task on the way. */
  async function runTo(mcp: McpAdapter, outcome: McpEmulatorOutcome) {
    const started = await mcp.startTask({ tool: server.toolName, arguments: { outcome } })
    expect(started.status).toBe('running')
    server.clock.advance(1000)
    expect((await mcp.getTask(started.id)).metadata.statusMessage).toBe('Reading the sources')
    server.clock.advance(2000)
    return mcp.getTask(started.id)
  }

  it('detects the form the server advertises', async () => {
    const task = await adapter().getTask(server.createTask())
    expect(task.metadata).toMatchObject({ form, ttlMs: 3_600_000, pollIntervalMs: 1000 })
  })

  it('follows a tool call to completed, its structured content as json output', async () => {
    const done = await runTo(adapter(), 'completed')
    expect(done).toMatchObject({
      status: 'completed',
      output: { format: 'json', value: { answer: MCP_EMULATOR_ANSWER } },
    })
    expect(done.metadata.content).toEqual([{ type: 'text', text: MCP_EMULATOR_ANSWER }])
    expect(done.finishedAt?.getTime()).toBe(server.clock.now())
  })

  it('a tool result with isError is failed, reason failed, with the tool’s text as the message', async () => {
    const done = await runTo(adapter(), 'tool-error')
    expect(done).toMatchObject({ status: 'failed', reason: 'failed', providerStatus: 'completed' })
    expect(done.error?.message).toMatch(/report is missing/)
    expect(done.metadata.isError).toBe(true)
  })

  it('a failed task is failed with the server’s message', async () => {
    const done = await runTo(adapter(), 'failed')
    expect(done).toMatchObject({ status: 'failed', reason: 'failed', providerStatus: 'failed' })
    expect(done.error?.message).toMatch(/crashed/)
  })

  it('a task that asks something waits for input, the question kept', async () => {
    const waiting = await runTo(adapter(), 'input')
    expect(waiting).toMatchObject({ status: 'waiting_for_input', reason: 'input' })
    expect(waiting.metadata.statusMessage).toBe(MCP_EMULATOR_QUESTION)
    if (form === 'extension') expect(waiting.metadata.inputRequests).toEqual(MCP_INPUT_REQUESTS)
  })

  it('watchTask follows a started task to completed', async () => {
    const fast = await (form === 'extension' ? startMcpExtensionEmulator : startMcpEmulator)({ pollIntervalMs: 10 })
    try {
      const mcp = createMcpAdapter({ url: fast.mcpUrl, token: fast.token })
      const started = await mcp.startTask({ tool: fast.toolName })
      const done = waitForTask(mcp, started.id, { timeoutMs: 30_000 })
      await vi.waitFor(() => expect(fast.requests.some((request) => request.route === 'getTask')).toBe(true), waitLimit)
      fast.clock.advance(3000)
      expect((await done).status).toBe('completed')
    } finally {
      await fast.close()
    }
  })

  it('an unknown tool is a ProviderApiError carrying the JSON-RPC error', async () => {
    const error = await rejectionOf(adapter().startTask({ tool: 'no-such-tool' }))
    expect(ProviderApiError.is(error)).toBe(true)
  })
})

describe('the 2025-11-25 form', () => {
  let server: McpEmulator
  beforeAll(async () => {
    server = await startMcpEmulator({ answers: 'sse' })
  })
  afterEach(() => {
    server.reset()
    delete process.env.MCP_URL
    delete process.env.MCP_TOKEN
  })
  afterAll(() => server.close())
  const adapter = () => createMcpAdapter({ url: server.mcpUrl, token: server.token })

  it('reads answers sent as SSE streams', async () => {
    const mcp = adapter()
    const started = await mcp.startTask({ tool: server.toolName, ttlMs: 60_000 })
    expect(started.metadata.ttlMs).toBe(60_000)
    server.clock.advance(3000)
    expect((await mcp.getTask(started.id)).output?.value).toEqual({ answer: MCP_EMULATOR_ANSWER })
    const listed = []
    for await (const task of mcp.listTasks()) listed.push(task.id)
    expect(listed).toContain(started.id)
  })

  it('finds the server from MCP_URL and MCP_TOKEN', async () => {
    process.env.MCP_URL = server.mcpUrl
    process.env.MCP_TOKEN = server.token
    expect((await createMcpAdapter().getTask(server.createTask('completed'))).status).toBe('completed')
  })

  it('keeps a task in the session that created it; another session joins it by its id', async () => {
    const first = adapter()
    const started = await first.startTask({ tool: server.toolName })
    const sessionId = first.sessionId()
    expect(sessionId).toBeDefined()
    expect(TaskNotFoundError.is(await rejectionOf(adapter().getTask(started.id)))).toBe(true)
    const joined = createMcpAdapter({ url: server.mcpUrl, token: server.token, sessionId })
    expect((await joined.getTask(started.id)).id).toBe(started.id)
  })

  it('opens a new session when the server dropped its own', async () => {
    const mcp = adapter()
    const id = server.createTask()
    await mcp.getTask(id)
    const before = mcp.sessionId()
    server.dropSessions()
    expect((await mcp.getTask(id)).id).toBe(id)
    expect(mcp.sessionId()).not.toBe(before)
  })

  it('has no tasks/update: answerTask says so, and the question is the status message', async () => {
    const id = server.createTask('input_required')
    expect((await adapter().getTask(id)).request).toEqual({ kind: 'input', message: MCP_EMULATOR_QUESTION })
    const error = await rejectionOf(adapter().answerTask(id, { text: 'Q3' }))
    expect(UnsupportedOperationError.is(error)).toBe(true)
  })
})

describe('the extension form', () => {
  let server: McpEmulator
  beforeAll(async () => {
    server = await startMcpExtensionEmulator()
  })
  afterEach(() => server.reset())
  afterAll(() => server.close())

  it('answers an input_required task with tasks/update, which sends it back to work', async () => {
    const mcp = createMcpAdapter({ url: server.mcpUrl, token: server.token })
    const started = await mcp.startTask({ tool: server.toolName, arguments: { outcome: 'input' } })
    server.clock.advance(3000)
    const waiting = await mcp.getTask(started.id)
    expect(waiting.request).toMatchObject({ kind: 'input', message: MCP_EMULATOR_QUESTION, schema: { type: 'object' } })
    const answered = await mcp.answerTask(started.id, { text: 'Q3' })
    expect(answered.status).toBe('running')
    const update = server.requests.find((request) => request.route === 'updateTask')
    expect(update?.headers['mcp-name']).toBe(started.id)
    expect(update?.body).toMatchObject({
      params: { inputResponses: { quarter: { action: 'accept', content: { quarter: 'Q3' } } } },
    })
    server.clock.advance(3000)
    expect((await mcp.getTask(started.id)).status).toBe('completed')
  })

  it('a client that does not declare the extension gets -32021, said plainly', async () => {
    const undeclared = createMcpAdapter({ url: server.mcpUrl, token: server.token, form: '2025-11-25' })
    const error = await rejectionOf(undeclared.startTask({ tool: server.toolName }))
    expect(ProviderApiError.is(error)).toBe(true)
    expect(String(error)).toMatch(/-32021.*io\.modelcontextprotocol\/tasks/)
  })

  it('listTasks on a detected extension server is unsupported', async () => {
    const detected = createMcpAdapter({ url: server.mcpUrl, token: server.token })
    const error = await rejectionOf(detected.listTasks()[Symbol.asyncIterator]().next())
    expect(UnsupportedOperationError.is(error)).toBe(true)
  })
})
