/**
 * What the protocol says back, over stdio and over Streamable HTTP alike. Pins:
 * - an unknown thread resource (or a URI outside watercooler://) is -32002 "resource not
 *   found", naming the closest topics; prompts/get with an unknown topic is -32602, and so is
 *   subscribing to a URI outside watercooler://;
 * - tools/call without a name is -32602 with one readable line, not a validation dump, and
 *   so is a call of an unknown tool (a protocol error, not an isError result), naming the
 *   closest tool;
 * - tool hints name the tool's own parameters (title, format: "json", regex: false),
 *   never CLI flags, and so do the descriptions of tools, resources and prompts;
 * - say, ack and handoff do not claim idempotence (two identical calls add two entries);
 * - tools/list keeps every tool, is under 3,000 cl100k tokens, and spells nullable types as
 *   anyOf branches (no `type` arrays, which several clients cannot read).
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { EmptyResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { encode } from 'gpt-tokenizer/encoding/cl100k_base';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, data, httpClient, httpServer, stdioClient, textOf, threadsDir } from './harness.js';

const transports: [string, (dir: string) => Promise<Client>][] = [
  ['stdio', async (dir) => (await stdioClient(dir, { name: 'claude-code' })).client],
  ['http', async (dir) => httpClient((await httpServer(dir)).url, { name: 'claude-code' })],
];

/** The JSON-RPC error a request ends with (the SDK client throws an McpError). */
async function rpcError(p: Promise<unknown>): Promise<{ code: number; message: string }> {
  const err = await p.then(
    () => null,
    (e: unknown) => e as { code: number; message: string },
  );
  if (err === null) throw new Error('the request succeeded');
  return err;
}

/** Every `type` in a JSON value that is an array. */
function typeArrays(node: unknown, at = '$'): string[] {
  if (Array.isArray(node)) return node.flatMap((n, i) => typeArrays(n, `${at}[${i}]`));
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([k, v]) =>
    k === 'type' && Array.isArray(v) ? [at] : typeArrays(v, `${at}.${k}`),
  );
}

describe.each(transports)('over %s', (_name, connect) => {
  let client: Client;
  beforeAll(async () => {
    client = await connect(threadsDir());
    await call(client, 'watercooler_say', { topic: 'auth-refactor', title: 'Plan', body: 'Go.' });
  });

  it('answers an unknown thread resource with -32002, naming the closest topic', async () => {
    const err = await rpcError(client.readResource({ uri: 'watercooler://threads/auth-refactr' }));
    expect(err.code).toBe(-32002);
    expect(err.message).toMatch(/not found.*auth-refactor/s);
    const foreign = await rpcError(client.readResource({ uri: 'file:///etc/passwd' }));
    expect(foreign.code).toBe(-32002);
  });

  it('answers prompts/get for an unknown topic and a foreign subscription with -32602', async () => {
    const prompt = await rpcError(
      client.getPrompt({ name: 'catch_up', arguments: { topic: 'auth-refactr' } }),
    );
    expect(prompt.code).toBe(-32602);
    expect(prompt.message).toMatch(/auth-refactor/);
    const sub = await rpcError(client.subscribeResource({ uri: 'https://example.com/x' }));
    expect(sub.code).toBe(-32602);
    expect(sub.message).toMatch(/Unknown resource.*watercooler:\/\/threads/);
  });

  it('answers a call of an unknown tool with -32602, naming the closest tool', async () => {
    const err = await rpcError(client.callTool({ name: 'watercooler_sya', arguments: {} }));
    expect(err.code).toBe(-32602);
    expect(err.message).toMatch(/Unknown tool "watercooler_sya"\. Did you mean "watercooler_say"/);
    expect(err.message).not.toMatch(/MCP error -32602: .*MCP error/);
  });

  it('answers tools/call without a name with -32602 in one readable line', async () => {
    const err = await rpcError(
      client.request({ method: 'tools/call', params: { arguments: {} } }, EmptyResultSchema),
    );
    expect(err.code).toBe(-32602);
    expect(err.message).toMatch(/Invalid tools\/call request: params\.name: /);
    expect(err.message).not.toMatch(/\n|"code":|\[\s*\{/);
  });

  it('names tool parameters in hints, never CLI flags', async () => {
    const title = textOf(
      await call(client, 'watercooler_say', { topic: 'auth-refactor', title: ' ', body: 'y' }),
    );
    expect(title).toMatch(/Pass title/);
    const entry = textOf(
      await call(client, 'watercooler_get_thread_entry', {
        topic: 'auth-refactor',
        entry_id: '01J0000000000000000000000Z',
      }),
    );
    expect(entry).toMatch(/format: "json"/);
    const search = textOf(
      await call(client, 'watercooler_search', { query: '(unclosed', regex: true }),
    );
    expect(search).toMatch(/regex: false/);
    for (const text of [title, entry, search]) expect(text).not.toMatch(/--[a-z]/);
    // What the model reads before it calls anything speaks MCP too.
    const described = [
      ...(await client.listTools()).tools,
      ...(await client.listResources()).resources,
      ...(await client.listResourceTemplates()).resourceTemplates,
      ...(await client.listPrompts()).prompts,
    ].map((d) => `${d.name}: ${d.description ?? ''}`);
    expect(described.filter((d) => /--[a-z]/.test(d))).toEqual([]);
  });

  it('does not call say, ack or handoff idempotent: two identical calls add two entries', async () => {
    const { tools } = await client.listTools();
    for (const name of ['watercooler_say', 'watercooler_ack', 'watercooler_handoff'])
      expect(tools.find((t) => t.name === name)?.annotations?.idempotentHint, name).not.toBe(true);
    const say = { topic: 'twice', title: 'Same', body: 'Same body.' };
    await call(client, 'watercooler_say', say);
    await call(client, 'watercooler_say', say);
    const read = data<{ entries: unknown[] }>(
      await call(client, 'watercooler_read_thread', { topic: 'twice', format: 'json' }),
    );
    expect(read.entries).toHaveLength(2);
  });

  it('keeps tools/list under 3,000 cl100k tokens with every tool and portable types', async () => {
    const list = await client.listTools();
    expect(list.tools).toHaveLength(16);
    for (const tool of list.tools) expect(tool.outputSchema?.type, tool.name).toBe('object');
    expect(encode(JSON.stringify(list)).length).toBeLessThan(3000);
    expect(typeArrays(list)).toEqual([]);
  });
});
