import { monotonicFactory } from 'ulid';
import { WatercoolerError } from '../errors.js';

/** Roles and types the format names (SPEC §1.3). Writers default to `implementer` / `Note`. */
export const ROLES = ['planner', 'critic', 'implementer', 'tester', 'pm', 'scribe'] as const;
export const ENTRY_TYPES = ['Note', 'Plan', 'Decision', 'PR', 'Closure'] as const;
export const STATUSES = [
  'OPEN',
  'IN_REVIEW',
  'BLOCKED',
  'CLOSED',
  'MERGED',
  'RESOLVED',
  'ABANDONED',
  'OBSOLETE',
] as const;
const CLOSED_STATES = new Set(['done', 'closed', 'merged', 'resolved', 'abandoned', 'obsolete']);

export type Role = (typeof ROLES)[number];
export type EntryType = (typeof ENTRY_TYPES)[number];

const ULID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const nextUlid = monotonicFactory();

/** A new Entry-ID: a 26-character Crockford ULID, increasing within one process. */
export function newEntryId(now: number = Date.now()): string {
  return nextUlid(now);
}

/** True for a well-formed ULID Entry-ID. */
export function isEntryId(value: string): boolean {
  return ULID_PATTERN.test(value);
}

/** UTC to the second with `Z`: the only timestamp form every reader generation accepts. */
export function formatTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** True when a status (any case) counts as closed. */
export function isClosedStatus(status: string): boolean {
  return CLOSED_STATES.has(status.trim().toLowerCase());
}

/**
 * A status as written: upper-cased, otherwise as given, like the Python tool's `set-status`
 * (`in-progress` → `IN-PROGRESS`). Any one-line word is a status (scripts use their own, such as
 * `in-progress`); the known ones are listed in STATUSES. Empty or multi-line is refused.
 */
export function normalizeStatus(status: string): string {
  const value = status.trim().toUpperCase();
  const hint = `Use one of ${STATUSES.join(', ')}, or a word of your own (in-progress).`;
  if (value === '') throw new WatercoolerError('INVALID_INPUT', 'The status is empty.', { hint });
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value) || value.length > 64)
    throw new WatercoolerError(
      'INVALID_INPUT',
      `The status "${status.slice(0, 64)}" is not one short line.`,
      { hint },
    );
  return value;
}

/** Matches a role case-insensitively to the allowed set; refuses anything else. */
export function normalizeRole(role: string): Role {
  const found = ROLES.find((r) => r === role.trim().toLowerCase());
  if (found === undefined) {
    throw new WatercoolerError('INVALID_INPUT', `Unknown role "${role}".`, {
      hint: `Use one of ${ROLES.join(', ')}.`,
    });
  }
  return found;
}

/** Matches an entry type case-insensitively to the allowed set; refuses anything else. */
export function normalizeType(type: string): EntryType {
  const found = ENTRY_TYPES.find((t) => t.toLowerCase() === type.trim().toLowerCase());
  if (found === undefined) {
    throw new WatercoolerError('INVALID_INPUT', `Unknown entry type "${type}".`, {
      hint: `Use one of ${ENTRY_TYPES.join(', ')}.`,
    });
  }
  return found;
}

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/**
 * The file name stem of a topic (SPEC §1.1): runs outside `[A-Za-z0-9._-]` become `-`, then
 * leading/trailing `-._` go. Topics that could escape the folder are refused, not rewritten.
 */
export function topicFileStem(topic: string): string {
  const hint = 'Name the thread with letters, digits, "-", "_" or "." (for example auth-refactor).';
  if (topic.trim() === '')
    throw new WatercoolerError('INVALID_TOPIC', 'The topic is empty.', { hint });
  if (/[/\\\0]/.test(topic) || topic.includes('..') || topic.startsWith('.')) {
    throw new WatercoolerError(
      'INVALID_TOPIC',
      `The topic "${topic.replace(/\0/g, '\\0')}" could name a path outside the threads folder.`,
      { hint },
    );
  }
  if (/[\r\n]/.test(topic))
    throw new WatercoolerError('INVALID_TOPIC', 'A topic is one line.', { hint });
  const stem = topic.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-._]+|[-._]+$/g, '');
  if (stem === '' || stem === 'index' || WINDOWS_RESERVED.test(stem)) {
    throw new WatercoolerError(
      'INVALID_TOPIC',
      `The topic "${topic}" does not make a usable file name.`,
      { hint },
    );
  }
  return stem;
}

export interface EntryFields {
  agent: string;
  timestamp: string;
  role: string;
  type: string;
  title: string;
  body: string;
  entryId: string;
}

/** The block one append adds (SPEC §1.3), ending with the Entry-ID line and one newline. */
export function renderEntryBlock(fields: EntryFields): string {
  const body = fields.body.replace(/\s+$/, '');
  return (
    `---\nEntry: ${fields.agent} ${fields.timestamp}\nRole: ${fields.role}\nType: ${fields.type}\n` +
    `Title: ${fields.title}\n\n${body}\n<!-- Entry-ID: ${fields.entryId} -->\n`
  );
}
