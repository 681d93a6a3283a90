import type { TaskAdapter } from '@taskbridge/core'
import { createOrkesTaskAdapter } from '@taskbridge/orkes'
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

// Both sides talk to the same emulator, in the same process, over the same
// keep-alive loopback connections: the ratio is what the adapter adds
// (ky, auth, retries set-up, the size cap, validation and mapping).
export const benchGetTask: Benchmark = async ({ quick }) => {
  const results: BenchResult[] = []
  for (const { name, adapter, id, url, headers, clearRequests, close } of await cases()) {
    try {
      // ky alone, with the timeout and retries taskbridge gives it: the floor of any ky-based client.
      const kyClient = ky.create({ timeout: 30_000, retry: 2 })
      const means = await compareInterleaved(
        {
          'fetch + JSON.parse': async () => JSON.parse(await (await fetch(url, { headers })).text()),
          'ky + JSON.parse': async () => JSON.parse(await kyClient.get(url, { headers }).text()),
          getTask: () => adapter.getTask(id),
        },
        // The emulator logs every request; cleared so the log's growth weighs on no one.
        { quick, betweenRounds: clearRequests },
      )
      const value = (means.getTask ?? 0) / (means['fetch + JSON.parse'] ?? 1)
      const kyFloor = (means['ky + JSON.parse'] ?? 0) / (means['fetch + JSON.parse'] ?? 1)
      results.push({
        id: 2,
        title: `${name} getTask over loopback`,
        subject: 'adapter.getTask',
        baseline: 'bare fetch + JSON.parse of the same URL',
        subjectValue: ms(means.getTask ?? 0),
        baselineValue: ms(means['fetch + JSON.parse'] ?? 0),
        figure: ratio(value),
        target: `≤ ${TARGET}×`,
        met: value <= TARGET,
        notes: `ky alone (ky.get + JSON.parse of the same URL, same timeout and retry settings) measured ${ratio(kyFloor)} the bare fetch in the same run (${ms(means['ky + JSON.parse'] ?? 0)}); taskbridge's own layer adds ${ratio((means.getTask ?? 0) / (means['ky + JSON.parse'] ?? 1))} over ky.`,
      })
    } finally {
      await close()
    }
  }
  return results
}
