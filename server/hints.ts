import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { wrapHandler } from './handlers.js';

/**
 * Core's hints speak CLI ("pass --title", "read it with --json"); a model calling a tool can only act on the
 * tool's own parameters. Each rule rewrites one hint for the tool that got it.
 */
const RULES: [RegExp, (tool: string) => string][] = [
  [
    /read it with --json to see their ids/,
    () => 'watercooler_list_thread_entries (format: "json") shows their ids',
  ],
  [/drop --regex to search/, () => 'pass regex: false to search'],
  [/Pass --title "…"/, () => 'Pass title'],
  [/Pass --body "…" \(text, or a path to a file\)/, () => 'Pass body (the text itself)'],
];

function toolHint(tool: string, text: string): string {
  let out = text;
  for (const [pattern, replace] of RULES) out = out.replace(pattern, replace(tool));
  return out;
}

/** Rewrites the hints in every failed `tools/call` result for the tool that was called. */
export function translateToolHints(server: McpServer): void {
  wrapHandler(server, 'tools/call', (original) => async (request, extra) => {
    const result = (await original(request, extra)) as CallToolResult;
    if (result.isError !== true) return result;
    const tool = String((request as { params: { name: string } }).params.name);
    return {
      ...result,
      content: result.content.map((c) =>
        c.type === 'text' ? { ...c, text: toolHint(tool, c.text) } : c,
      ),
    };
  });
}
