import { createConductorClient, TaskClient } from '@io-orkes/conductor-javascript'
import { createOrkesTaskAdapter } from '@taskbridge/orkes'
import { ORKES_SEED_TASK_ID, startOrkesEmulator } from '@taskbridge/testkit'
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
    const means = await compareInterleaved(
      {
        'SDK TaskClient.getTask': () => sdk.getTask(ORKES_SEED_TASK_ID),
        'adapter.getTask': () => adapter.getTask(ORKES_SEED_TASK_ID),
      },
      { quick },
    )
    const value = (means['adapter.getTask'] ?? 0) / (means['SDK TaskClient.getTask'] ?? 1)
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
        notes:
          'taskbridge reads every body as a counted stream with its own time limit, so a body that stalls after its headers times out and an oversized one is refused; undici’s stream reader costs more per call than response.json(), which the SDK uses without such limits.',
      },
    ]
  } finally {
    client.stopBackgroundRefresh()
    await orkes.close()
  }
}
