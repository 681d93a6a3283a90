export type { EmulatorHarness, HarnessRoutes } from './contract/harness.js'
export {
  type AdapterContractContext,
  type AdapterContractOptions,
  runAdapterContract,
} from './contract/run-adapter-contract.js'
