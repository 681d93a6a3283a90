import type { TaskAdapter } from '@taskbridge/core'
import { createOrkesTaskAdapter } from '@taskbridge/orkes'
import { createHttpClient, headerAuth } from '@taskbridge/provider-utils'
import {
  ORKES_SEED_TASK_ID,
  startOrkesEmulator,
  startWexaEmulator,
  startXpanderEmulator,
  WEXA_SEED_TASK_ID,
  XPANDER_SEED_TASK_IDS,
} from '@taskbridge/testkit'
import { createWexaAdapter } from '@taskbridge/wexa'
import { createXpanderAdapter } from '@taskbridge/xpander'
import ky from 'ky'
import { compareInterleaved, ms, ratio } from './measure.ts'
import type { Benchmark, BenchResult } from './types.ts'

const TARGET = 1.15

interface Case {
  name: string
  clearRequests(): void
  adapter: TaskAdapter
  id: string
  url: string
  headers: Record<string, string>
  close(): Promise<void>
}

async function cases(): Promise<Case[]> {
  const wexa = await startWexaEmulator()
  const xpander = await startXpanderEmulator()
  const orkes = await startOrkesEmulator()
  const orkesAdapter = createOrkesTaskAdapter({
    serverUrl: orkes.baseUrl,
    keyId: orkes.keyId,
    keySecret: orkes.keySecret,
  })
  // The token is exchanged once, before timing: both sides then send the same token.
  await orkesAdapter.getTask(ORKES_SEED_TASK_ID)
  const token = orkes.requests.find((request) => request.route === 'getTask')?.headers['x-authorization'] as string
  return [
    {
      name: 'Wexa',
      adapter: createWexaAdapter({ baseUrl: wexa.baseUrl, apiKey: wexa.apiKey, projectId: wexa.projectId }),
      id: WEXA_SEED_TASK_ID,
      url: `${wexa.baseUrl}/task/${WEXA_SEED_TASK_ID}?projectID=${wexa.projectId}`,
      headers: { 'x-api-key': wexa.apiKey },
      clearRequests: () => wexa.clearRequests(),
      close: () => wexa.close(),
    },
    {
      name: 'xpander',
      adapter: createXpanderAdapter({ baseUrl: xpander.baseUrl, apiKey: xpander.apiKey }),
      id: XPANDER_SEED_TASK_IDS.completedMarkdown,
      url: `${xpander.baseUrl}/tasks/${XPANDER_SEED_TASK_IDS.completedMarkdown}`,
      headers: { 'x-api-key': xpander.apiKey },
      clearRequests: () => xpander.clearRequests(),
      close: () => xpander.close(),
    },
    {
      name: 'Orkes',
      adapter: orkesAdapter,
      id: ORKES_SEED_TASK_ID,
      url: `${orkes.baseUrl}/api/tasks/${ORKES_SEED_TASK_ID}`,
      headers: { 'x-authorization': token },
      clearRequests: () => orkes.clearRequests(),
      close: () => orkes.close(),
    },
  ]
}

/**
 * taskbridge's HTTP client alone, sending what the adapter sends (the same
 * credentials header) and answering the parsed JSON: every limit and check of
 * the layer, no Task validation or mapping.
 */
function httpClientOf({ name, url, headers }: Case) {
  const target = new URL(url)
  const [header, value] = Object.entries(headers)[0] as [string, string]
  const client = createHttpClient({ provider: name, baseUrl: target.origin, auth: headerAuth(header, value) })
  return () => client.request(`${target.pathname}${target.search}`)
}

/** What taskbridge's layer adds over ky, split into its HTTP client and the Task's validation and mapping. */
function layerNote(means: Record<string, number>): string {
  const fetched = means['fetch + JSON.parse'] ?? 1
  const kyAlone = means['ky + JSON.parse'] ?? 1
  const client = means['taskbridge HTTP client'] ?? 0
  const getTask = means.getTask ?? 0
  const floor = `Bare fetch + JSON.parse measured ${ms(fetched)}, ky alone (ky.get + JSON.parse of the same URL, same timeout and retry settings) ${ratio(kyAlone / fetched)} of it.`
  const parts = `taskbridge's HTTP client alone (credentials, checked headers, redirects kept to the base URL's origin, a body read counted against maxResponseBytes and bounded in time, echoed secrets redacted, the JSON depth limit) measured ${ratio(client / kyAlone)} ky, getTask (the client plus the adapter's own work: its route and credentials, the call's checks, validating the payload and mapping it to a Task) ${ratio(getTask / kyAlone)}`
  if (getTask <= kyAlone) return `${floor} ${parts}: no cost over ky measurable in this run.`
  const clientShare = Math.min(Math.max(client - kyAlone, 0), getTask - kyAlone)
  return `${floor} ${parts}: of the ${ms(getTask - kyAlone)} getTask adds over ky, the HTTP client takes ${ms(clientShare)} and the adapter's own work ${ms(getTask - kyAlone - clientShare)}.`
}

// Both sides talk to the same emulator, in the same process, over the same
// keep-alive loopback connections: the ratio is what the adapter adds
// (auth, retries set-up, the size cap, validation and mapping) over ky, the
// floor of any ky-based client.
export const benchGetTask: Benchmark = async ({ quick }) => {
  const results: BenchResult[] = []
  for (const testCase of await cases()) {
    const { name, adapter, id, url, headers, clearRequests, close } = testCase
    try {
      // ky alone, with the timeout and retries taskbridge gives it.
      const kyClient = ky.create({ timeout: 30_000, retry: 2 })
      const means = await compareInterleaved(
        {
          'fetch + JSON.parse': async () => JSON.parse(await (await fetch(url, { headers })).text()),
          'ky + JSON.parse': async () => JSON.parse(await kyClient.get(url, { headers }).text()),
          'taskbridge HTTP client': httpClientOf(testCase),
          getTask: () => adapter.getTask(id),
        },
        // The emulator logs every request; cleared so the log's growth weighs on no one.
        { quick, betweenRounds: clearRequests },
      )
      const value = (means.getTask ?? 0) / (means['ky + JSON.parse'] ?? 1)
      results.push({
        id: 2,
        title: `${name} getTask over loopback`,
        subject: 'adapter.getTask',
        baseline: 'ky.get + JSON.parse of the same URL',
        subjectValue: ms(means.getTask ?? 0),
        baselineValue: ms(means['ky + JSON.parse'] ?? 0),
        figure: ratio(value),
        target: `≤ ${TARGET}×`,
        met: value <= TARGET,
        notes: layerNote(means),
      })
    } finally {
      await close()
    }
  }
  return results
}
