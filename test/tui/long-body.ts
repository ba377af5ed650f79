/**
 * An entry body with long content, shared by the ink and the tmux tests of the thread view: a
 * table with a long cell, a code line far wider than 80 columns that ends in a search hit, a
 * URL longer than 40 columns, and three hits for "needle" (code, URL sentence, last line).
 */
const LONG_CODE = 'const veryLongName = ' + 'callSomething(alpha, beta) + '.repeat(6) + 'needle;';
export const LONG_URL =
  'https://docs.example.com/guides/threads/reading-long-content-in-the-terminal';
export const LONG_BODY = [
  'Numbers first:',
  '',
  '| Store | Read (ms) | Notes |',
  '|---|--:|---|',
  '| local | 0.3 | a folder on disk, watched with fs.watch and polled every ten seconds |',
  '| git | 16 | bare remote |',
  '',
  '```ts',
  LONG_CODE,
  'short();',
  '```',
  '',
  `Read ${LONG_URL} before the needle moves.`,
  '',
  'The last needle is here.',
].join('\n');
