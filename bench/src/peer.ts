import { createConductorClient, TaskClient } from '@io-orkes/conductor-javascript'
import { createOrkesTaskAdapter } from '@taskbridge/orkes'
import { ORKES_SEED_TASK_ID, startOrkesEmulator } from '@taskbridge/testkit'
import ky from 'ky'
import { compareInterleaved, ms, ratio } from './measure.ts'
import type { Benchmark } from './types.ts'

const TARGET = 1.0

// The official Orkes SDK reads these and lets them override its config.
for (const name of ['CONDUCTOR_SERVER_URL', 'CONDUCTOR_AUTH_KEY', 'CONDUCTOR_AUTH_SECRET']) delete process.env[name]

/** Orkes getTask through this adapter and through the official SDK's TaskClient, against the same emulator. */
export const benchPeer: Benchmark = async ({ quick }) => {
  const orkes = await startOrkesEmulator()
  const client = await createConductorClient({
    serverUrl: orkes.baseUrl,
    keyId: orkes.keyId,
    keySecret: orkes.keySecret,
  })
  try {
    const sdk = new TaskClient(client)
    const adapter = createOrkesTaskAdapter({ serverUrl: orkes.baseUrl, keyId: orkes.keyId, keySecret: orkes.keySecret })
    // Both exchange their token before timing.
    await Promise.all([sdk.getTask(ORKES_SEED_TASK_ID), adapter.getTask(ORKES_SEED_TASK_ID)])
    // ky alone on the same route with the adapter's token: the floor of any client built on ky.
    const token = orkes.requests.find((request) => request.route === 'getTask')?.headers['x-authorization'] as string
    const kyClient = ky.create({ timeout: 30_000, retry: 2 })
    const url = `${orkes.baseUrl}/api/tasks/${ORKES_SEED_TASK_ID}`
    const means = await compareInterleaved(
      {
        'SDK TaskClient.getTask': () => sdk.getTask(ORKES_SEED_TASK_ID),
        'ky + JSON.parse': async () =>
          JSON.parse(await kyClient.get(url, { headers: { 'x-authorization': token } }).text()),
        'adapter.getTask': () => adapter.getTask(ORKES_SEED_TASK_ID),
      },
      { quick, betweenRounds: () => orkes.clearRequests() },
    )
    const sdkMean = means['SDK TaskClient.getTask'] ?? 1
    const kyMean = means['ky + JSON.parse'] ?? 1
    const value = (means['adapter.getTask'] ?? 0) / sdkMean
    return [
      {
        id: 3,
        title: 'Orkes getTask vs the official SDK',
        subject: 'taskbridge adapter.getTask (validated, mapped Task)',
        baseline: '@io-orkes/conductor-javascript 4.0.0 TaskClient.getTask (raw object)',
        subjectValue: ms(means['adapter.getTask'] ?? 0),
        baselineValue: ms(means['SDK TaskClient.getTask'] ?? 0),
        figure: ratio(value),
        target: `≤ ${TARGET.toFixed(1)}×`,
        met: value <= TARGET,
        notes: `ky alone (ky.get + JSON.parse of the same route with the adapter's token, same timeout and retry settings) measured ${ms(kyMean)}, ${ratio(kyMean / sdkMean)} the SDK in the same run: a client built on ky starts there. The adapter adds ${ratio((means['adapter.getTask'] ?? 0) / kyMean)} over ky: credentials, checked headers, redirects kept to the base URL's origin, a body read counted against maxResponseBytes and bounded in time, echoed secrets redacted, the JSON depth limit, and a validated, mapped Task (bench 2 splits it); the SDK returns the raw object without these limits.`,
      },
    ]
  } finally {
    client.stopBackgroundRefresh()
    await orkes.close()
  }
}
