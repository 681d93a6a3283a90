// What a taskbridge.config file imports from the CLI package.
export { CONFIG_FILE_NAMES, defineConfig, type TaskbridgeConfig } from './config.js'
