import { Transform, type Writable } from 'node:stream';

const BATCH_ERROR = `${JSON.stringify({
  jsonrpc: '2.0',
  id: null,
  error: {
    code: -32600,
    message:
      'Invalid Request: JSON-RPC batches are not supported (MCP removed them in 2025-06-18); send one message per line.',
  },
})}\n`;

/**
 * stdin as the SDK's stdio transport should see it: a line holding a JSON-RPC batch is
 * answered with one -32600 error on `stdout` and not passed on (the SDK would drop it without
 * a word, leaving the client waiting).
 */
export function refuseBatches(stdout: Writable): Transform {
  let partial = '';
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const lines = (partial + chunk.toString('utf8')).split('\n');
      partial = lines.pop() ?? '';
      const kept = lines.filter((line) => {
        if (!line.trimStart().startsWith('[')) return true;
        stdout.write(BATCH_ERROR);
        return false;
      });
      done(null, kept.length === 0 ? undefined : `${kept.join('\n')}\n`);
    },
    flush(done) {
      done(null, partial === '' ? undefined : partial);
    },
  });
}
