import { type AgentRegistry, agentNameProblem, canonicalAgent } from './agents.js';
import { nextBall } from './ball.js';
import { MAX_ENTRY_BYTES } from './limits.js';
import { WatercoolerError } from './errors.js';
import {
  formatTimestamp,
  newEntryId,
  normalizeRole,
  normalizeStatus,
  normalizeType,
  renderEntryBlock,
} from './thread/entry.js';
import { type Fence, stepFence } from './thread/fence.js';
import { type Thread, headerEndOf, parseThread } from './thread/parse.js';
import { redactEntryText } from './validate/redact-entry.js';

/**
 * Every write is an operation: a pure function of the thread's current bytes. Stores re-apply
 * it to the freshest state after losing a race, so an operation must never depend on anything
 * but its input, the thread and the context.
 */
export type Operation =
  | { kind: 'init-thread'; topic: string; status?: string; ball?: string; body?: string }
  | {
      kind: 'say';
      topic: string;
      agent: string;
      title: string;
      body: string;
      role?: string;
      type?: string;
      ball?: string;
      status?: string;
      entryId?: string;
      /** `model:role` of an MCP caller's agent_func: a `Spec:` commit trailer, not part of the file. */
      spec?: string;
    }
  | {
      kind: 'ack';
      topic: string;
      agent: string;
      title?: string;
      body?: string;
      role?: string;
      ball?: string;
      status?: string;
      entryId?: string;
      /** `model:role` of an MCP caller's agent_func: a `Spec:` commit trailer, not part of the file. */
      spec?: string;
    }
  | {
      kind: 'handoff';
      topic: string;
      agent: string;
      to?: string;
      note?: string;
      role?: string;
      entryId?: string;
      /** `model:role` of an MCP caller's agent_func: a `Spec:` commit trailer, not part of the file. */
      spec?: string;
    }
  /** `force` is accepted for compatibility: any one-line status is written. */
  | { kind: 'set-status'; topic: string; status: string; force?: boolean }
  | { kind: 'set-ball'; topic: string; ball: string }
  /** A sanctioned rewrite (SPEC §6): entry `entry`'s body replaced; stores add the Redact trailer. */
  | {
      kind: 'redact';
      topic: string;
      agent: string;
      entry: string;
      replace?: string;
      dropBody?: boolean;
      reason: string;
    };

export type OperationKind = Operation['kind'];

export interface OperationContext {
  registry: AgentRegistry;
  /** Ball for a new thread and for a pass with nobody to pass to. */
  defaultBall: string;
  /** The user tag for agents given without one (`Claude` → `Claude (alice)`). */
  user?: string | null;
  now: () => Date;
}

export interface OperationResult {
  /** The new bytes (equal to the old ones when nothing changed). */
  text: string;
  changed: boolean;
  /** True when an entry with this operation's Entry-ID was already there: a retry that had landed. */
  alreadyApplied: boolean;
  entryId: string | null;
  ball: string;
  status: string;
  thread: Thread;
}

/**
 * The one rule for which operations may start a thread: `say` and `init-thread`. Everything else
 * (ack, handoff, set-status, set-ball, redact) needs the thread to exist, so a misspelled topic
 * is THREAD_NOT_FOUND on every surface instead of a new, stray thread.
 */
export function createsThread(kind: OperationKind): boolean {
  return kind === 'say' || kind === 'init-thread';
}

/** True for operations that append an entry (and so carry an Entry-ID). */
export function appendsEntry(op: Operation): op is Extract<Operation, { entryId?: string }> {
  return op.kind === 'say' || op.kind === 'ack' || op.kind === 'handoff';
}

/** Gives an appending operation its Entry-ID once, before the first try, so retries share it. */
export function withEntryId<T extends Operation>(op: T, now?: number): T {
  if (!appendsEntry(op) || op.entryId !== undefined) return op;
  return { ...op, entryId: newEntryId(now) };
}

/** Applies `op` to the current bytes (`null`: the thread does not exist yet). */
export function applyOperation(
  current: string | null,
  op: Operation,
  ctx: OperationContext,
): OperationResult {
  if (current === null && !createsThread(op.kind)) {
    throw new WatercoolerError('THREAD_NOT_FOUND', `Thread "${op.topic}" not found.`, {
      hint: 'Start it with say (or init-thread), or check the name with list.',
    });
  }
  const base = current ?? initialText(op.topic, ctx, op.kind === 'init-thread' ? op : {});
  const created = current === null;
  const thread = parseThread(base);
  if (op.kind === 'init-thread') return result(base, created, false, null, thread);

  if (op.kind === 'set-status') {
    const text = bumpHeader(base, { status: normalizeStatus(op.status) });
    return result(text, created || text !== base, false, null);
  }
  if (op.kind === 'set-ball') {
    const text = bumpHeader(base, { ball: checkAgent(op.ball) });
    return result(text, created || text !== base, false, null);
  }

  if (op.kind === 'redact') {
    const text = redactedText(base, op);
    return result(text, text !== base, false, null);
  }
  const entryId = op.entryId ?? newEntryId();
  if (thread.entries.some((e) => e.entryId === entryId))
    return result(base, created, true, entryId, thread);
  const agent = canonicalAgent(checkAgent(op.agent), ctx.registry, ctx.user);
  const { block, bump } = entryPlan(op, agent, thread, ctx);
  const fields = {
    agent,
    timestamp: formatTimestamp(ctx.now()),
    role: normalizeRole(block.role),
    type: normalizeType(block.type),
    title: checkTitle(block.title),
    body: checkBody(block.body),
    entryId,
  };
  const text = bumpHeader(base, bump).trimEnd() + '\n\n' + renderEntryBlock(fields);
  return result(text, true, false, entryId);
}

type AppendOperation = Extract<Operation, { kind: 'say' | 'ack' | 'handoff' }>;

interface EntryPlan {
  block: { role: string; type: string; title: string; body: string };
  bump: { ball?: string; status?: string };
}

function redactedText(base: string, op: Extract<Operation, { kind: 'redact' }>): string {
  if (op.reason.trim() === '')
    throw new WatercoolerError('INVALID_INPUT', 'A redaction needs a reason.', {
      hint: 'Pass --reason "…": it goes into the commit\'s Watercooler-Redact trailer.',
    });
  return redactEntryText(base, op.entry, op.dropBody === true ? '' : checkBody(op.replace ?? ''));
}

/** The entry an appending operation writes, and where it moves the ball and status. */
function entryPlan(
  op: AppendOperation,
  agent: string,
  thread: ReturnType<typeof parseThread>,
  ctx: OperationContext,
): EntryPlan {
  const bump: EntryPlan['bump'] = {};
  if (op.kind === 'say') {
    bump.ball =
      op.ball !== undefined
        ? checkAgent(op.ball)
        : nextBall(agent, thread.entries, ctx.registry, ctx.defaultBall, thread.header.ball);
    if (op.status !== undefined) bump.status = normalizeStatus(op.status);
    const block = {
      role: op.role ?? 'implementer',
      type: op.type ?? 'Note',
      title: op.title,
      body: op.body,
    };
    return { block, bump };
  }
  if (op.kind === 'ack') {
    const held = thread.header.ball;
    if (op.ball !== undefined) bump.ball = checkAgent(op.ball);
    else if (held !== '') bump.ball = held;
    if (op.status !== undefined) bump.status = normalizeStatus(op.status);
    const block = {
      role: op.role ?? 'implementer',
      type: 'Note',
      title: op.title || 'Ack',
      body: op.body || 'ack',
    };
    return { block, bump };
  }
  const holder = thread.header.ball === '' ? agent : thread.header.ball;
  const target =
    op.to !== undefined && op.to.trim() !== ''
      ? canonicalAgent(checkAgent(op.to), ctx.registry)
      : nextBall(holder, thread.entries, ctx.registry, ctx.defaultBall);
  bump.ball = target;
  const block = {
    role: op.role ?? 'pm',
    type: 'Note',
    title: `Handoff to ${target}`,
    body: op.note || `handoff to ${target}`,
  };
  return { block, bump };
}

function result(
  text: string,
  changed: boolean,
  alreadyApplied: boolean,
  entryId: string | null,
  parsed?: Thread,
): OperationResult {
  const thread = parsed ?? parseThread(text);
  return {
    text,
    changed,
    alreadyApplied,
    entryId,
    ball: thread.header.ball,
    status: thread.header.status,
    thread,
  };
}

/** The header a new thread starts with (the Python tool's template, byte for byte). */
function initialText(
  topic: string,
  ctx: OperationContext,
  init: { status?: string; ball?: string; body?: string },
): string {
  if (/[\r\n]/.test(topic)) throw new WatercoolerError('INVALID_TOPIC', 'A topic is one line.');
  const status = normalizeStatus(init.status ?? 'OPEN');
  const ball =
    init.ball !== undefined && init.ball.trim() !== '' ? checkAgent(init.ball) : ctx.defaultBall;
  const header =
    `# ${topic} — Thread\nStatus: ${status}\nBall: ${ball}\nTopic: ${topic}\n` +
    `Created: ${formatTimestamp(ctx.now())}\n`;
  const body = init.body?.trimEnd() ?? '';
  checkSize(body);
  return body === '' ? header : `${header.trimEnd()}\n\n${body}\n`;
}

/**
 * Rewrites the first `Status:`/`Ball:` line of the header (everything before the first blank
 * line), appending the line when missing — exactly the Python tool's `bump_header`.
 */
export function bumpHeader(text: string, values: { status?: string; ball?: string }): string {
  const end = headerEndOf(text);
  const header = text.slice(0, end);
  const rest = text.slice(end);
  const lines = header === '' ? [] : header.split('\n');
  for (const [key, value] of [
    ['Status', values.status],
    ['Ball', values.ball],
  ] as const) {
    if (value === undefined) continue;
    const at = lines.findIndex((l) => l.toLowerCase().startsWith(`${key.toLowerCase()}:`));
    if (at === -1) lines.push(`${key}: ${value}`);
    else lines[at] = `${key}: ${value}`;
  }
  if (lines.length === 0) return text;
  // A header-only file gets the blank line that ends a header (as the Python tool wrote it), and
  // so does a new header above a file that had none; anything else after the header stays as is.
  let tail = rest;
  if (rest === '' || rest === '\n') tail = '\n\n';
  else if (!rest.startsWith('\n')) tail = `\n\n${rest}`;
  return `${lines.join('\n')}${tail}`;
}

/** One limit for every surface (core/limits.ts), refused before anything is written. */
function checkSize(body: string): void {
  // TextEncoder, not Buffer: core also runs where Buffer is not (the hub's Worker).
  const bytes = new TextEncoder().encode(body).length;
  if (bytes <= MAX_ENTRY_BYTES) return;
  const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
  throw new WatercoolerError(
    'INVALID_INPUT',
    `The body is ${mib(bytes)} (${bytes} bytes); an entry holds at most ${mib(MAX_ENTRY_BYTES)} (${MAX_ENTRY_BYTES} bytes).`,
    { hint: 'Commit large material as a file in the repository and link it from the entry.' },
  );
}

function checkAgent(agent: string): string {
  const problem = agentNameProblem(agent);
  if (problem !== null) {
    throw new WatercoolerError('INVALID_INPUT', problem, {
      hint: 'Write an agent as "Name" or "Name (user)".',
    });
  }
  return agent.trim();
}

function checkTitle(title: string): string {
  if (/[\r\n]/.test(title)) {
    throw new WatercoolerError('INVALID_INPUT', 'A title is one line.', {
      hint: 'Move the rest into the body.',
    });
  }
  if (title.trim() === '')
    throw new WatercoolerError('INVALID_INPUT', 'The title is empty.', {
      hint: 'Pass --title "…".',
    });
  return title.trim();
}

const ENTRY_LOOKALIKE =
  /^\s*Entry:\s*.+?\s+\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})\s*$/;

/**
 * Refuses a body that would change how the file parses: an `Entry:` look-alike outside a code
 * fence would start a phantom entry, and an unclosed fence would swallow every later entry.
 */
function checkBody(body: string): string {
  checkSize(body);
  if (body.trim() === '') {
    throw new WatercoolerError('INVALID_INPUT', 'The body is empty.', {
      hint: 'Pass --body "…" (text, or a path to a file).',
    });
  }
  let fence: Fence | null = null;
  const lines = body.replace(/\r\n?/g, '\n').split('\n');
  lines.forEach((line, i) => {
    const step = stepFence(fence, line, i + 1);
    fence = step.open;
    if (step.isFence) return;
    if (fence === null && ENTRY_LOOKALIKE.test(line)) {
      throw new WatercoolerError(
        'INVALID_INPUT',
        `Body line ${i + 1} looks like an entry header ("Entry: … <timestamp>").`,
        {
          hint: 'Put it inside a ``` code fence, or reword it.',
        },
      );
    }
  });
  const open = fence as Fence | null;
  if (open !== null) {
    throw new WatercoolerError(
      'INVALID_INPUT',
      `The code fence opened at body line ${open.line} is never closed.`,
      {
        hint: `Close it with a line of ${open.char.repeat(open.len)}.`,
      },
    );
  }
  return body.replace(/\r\n?/g, '\n');
}
