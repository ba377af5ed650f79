/**
 * The well-formedness rules of SPEC §6 on single files:
 * - every thread the Python tool wrote (fixtures) has no error — only warnings for what older
 *   writers omitted (Role, Entry-ID) and `---` body lines — except the sample whose file was renamed
 *   away from its Topic;
 * - each rule fires on its own line: bad role/type/timestamp/agent, missing title, duplicate and
 *   malformed Entry-IDs, an unclosed fence, `---`/`Entry:` body lines outside fences (not inside);
 * - old entries are not judged again when only new ones are checked (firstNew).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseThread } from '../../core/index.js';
import { checkRules } from '../../core/validate/rules.js';
import { validateThread } from '../../core/validate/thread.js';

const FIXTURES = new URL('../fixtures/python-watercooler/', import.meta.url);

const HEADER =
  '# t — Thread\nStatus: OPEN\nBall: Claude\nTopic: t\nCreated: 2026-01-01T00:00:00Z\n\n';
const entry = (lines: string, body = 'body', id = '01KTMMG3MTKFGRKYEJGHN65QY8') =>
  `---\n${lines}\n\n${body}\n<!-- Entry-ID: ${id} -->\n`;
const GOOD = 'Entry: Claude (amy) 2026-01-01T00:00:01Z\nRole: planner\nType: Plan\nTitle: ok';
const found = (text: string) =>
  validateThread(text, 't.md').map((i) => `${i.severity} ${i.code} ${i.line}`);

describe('Python fixtures', () => {
  const names = readdirSync(FIXTURES).filter((n) => n.endsWith('.md'));
  it.each(names)('%s has no errors', (name) => {
    const errors = validateThread(readFileSync(new URL(name, FIXTURES), 'utf8'), name).filter(
      (i) => i.severity === 'error',
    );
    expect(errors.map((i) => i.code)).toEqual(
      name === 'newest-format-sample.md' ? ['TOPIC_MISMATCH'] : [],
    );
  });
});

describe('entry rules', () => {
  it('a good thread has no findings', () => {
    expect(found(HEADER + entry(GOOD))).toEqual([]);
  });
  it.each([
    ['bad role', GOOD.replace('planner', 'boss'), 'error ENTRY_ROLE_INVALID 9'],
    ['missing role', GOOD.replace('Role: planner\n', ''), 'warning ENTRY_ROLE_MISSING 8'],
    ['bad type', GOOD.replace('Type: Plan', 'Type: Memo'), 'error ENTRY_TYPE_INVALID 10'],
    ['missing title', GOOD.replace('\nTitle: ok', ''), 'error ENTRY_TITLE_MISSING 8'],
    [
      'impossible time',
      GOOD.replace('2026-01-01T00:00:01Z', '2026-01-01T25:00:01Z'),
      'error ENTRY_TIMESTAMP_INVALID 8',
    ],
    [
      'agent with parentheses',
      GOOD.replace('Claude (amy)', 'Cl(a)ude (amy)'),
      'error ENTRY_AGENT_INVALID 8',
    ],
  ])('%s', (_name, lines, expected) => {
    expect(found(HEADER + entry(lines))).toEqual([expected]);
  });
  it('Entry-IDs: missing and malformed warn, a duplicate is an error', () => {
    const noId = `${HEADER}---\n${GOOD}\n\nbody\n`;
    expect(found(noId)).toEqual(['warning ENTRY_ID_MISSING 8']);
    expect(found(HEADER + entry(GOOD, 'b', 'not-a-ulid'))).toEqual(['warning ENTRY_ID_INVALID 14']);
    expect(found(`${HEADER}${entry(GOOD)}\n${entry(GOOD.replace(':01Z', ':02Z'))}`)).toEqual([
      'error ENTRY_ID_DUPLICATE 17',
    ]);
  });
  it('body lines: `---` and `Entry: ` warn outside fences, not inside; an unclosed fence is an error', () => {
    expect(found(HEADER + entry(GOOD, 'a\n---\nb\nEntry: not a header'))).toEqual([
      'warning BODY_SEPARATOR 14',
      'warning BODY_ENTRY_LINE 16',
    ]);
    expect(found(HEADER + entry(GOOD, '```\n---\nEntry: x 2020-01-01T00:00:00Z\n```'))).toEqual([]);
    expect(found(HEADER + entry(GOOD, '~~~\nnever closed'))).toEqual(['error UNCLOSED_FENCE 13']);
  });
  it('only entries from firstNew on are judged', () => {
    const text =
      HEADER +
      entry(GOOD.replace('planner', 'boss'), 'b', '01KTMMG3MTKFGRKYEJGHN65QY1') +
      '\n' +
      entry(GOOD, 'b', '01KTMMG3MTKFGRKYEJGHN65QY2');
    expect(checkRules(parseThread(text), { file: 't.md', firstNew: 1, newThread: false })).toEqual(
      [],
    );
    expect(
      checkRules(parseThread(text), { file: 't.md', firstNew: 0, newThread: false }).map(
        (i) => i.code,
      ),
    ).toEqual(['ENTRY_ROLE_INVALID']);
  });
});

describe('header rules for a new thread', () => {
  it('names the missing lines, a file name that is not the Topic, an unknown status', () => {
    const text = '# t — Thread\nStatus: WAITING\nTopic: other topic\n\n' + entry(GOOD);
    expect(found(text)).toEqual([
      'error HEADER_MALFORMED 3',
      'error HEADER_MALFORMED 3',
      'error TOPIC_MISMATCH 3',
      'warning HEADER_MALFORMED 1',
      'warning UNKNOWN_STATUS 2',
    ]);
  });
});
