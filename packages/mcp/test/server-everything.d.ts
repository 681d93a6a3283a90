// @modelcontextprotocol/server-everything ships JavaScript without types; its server factory, as its own entry points use it.
declare module '@modelcontextprotocol/server-everything/dist/server/index.js' {
  import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
  export function createServer(): { server: McpServer; cleanup(sessionId?: string): void }
}
