import type { Command } from 'commander';

export function registerMcpCommand(program: Command): void {
  program
    .command('mcp')
    .description('Run the MCP server over stdio (for Claude Desktop, Claude Code, Cursor, Codex)')
    .addHelpText(
      'after',
      `
Talks to the gateway at SWITCHYARD_URL (with SWITCHYARD_API_KEY when it has keys), or to
Helicone's hosted service with HELICONE_API_KEY (HELICONE_BASE_URL, HELICONE_AI_GATEWAY_BASE_URL).
With neither, it uses a gateway on http://127.0.0.1:8585, and if none answers it runs one itself
with its store in SWITCHYARD_DATA_DIR (default ~/.switchyard). Standard output carries the MCP
protocol; notes go to standard error. The same tools are served over HTTP at /mcp by
\`switchyard start\`.`,
    )
    .action(async () => {
      const { runStdioServer } = await import('../../../mcp-server/src/stdio.js');
      await runStdioServer(process.env);
    });
}
