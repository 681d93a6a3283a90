export type { EmulatorHarness, HarnessRoutes } from './contract/harness.js'
export type { HeaderContractOptions } from './contract/header-checks.js'
export type { AdapterOptionsContract, ContractEnvVar } from './contract/option-checks.js'
export {
  type AdapterContractContext,
  type AdapterContractOptions,
  runAdapterContract,
} from './contract/run-adapter-contract.js'
export {
  type ParserContractOptions,
  type ParserUnderTest,
  runParserContract,
} from './contract/run-parser-contract.js'
