import type { Layout } from '../layout.js';
import { canonicalAgent } from '../agents.js';
import { type Operation, type OperationContext, applyOperation } from '../operations.js';
import type {
  Batch,
  BatchItem,
  BatchOutcome,
  BackendView,
  CompanionFiles,
  FileWrite,
  ThreadChange,
} from './backend.js';
import { type CommitPart, commitMessageFor } from './commit-message.js';

export interface BatchContext {
  layout: Layout;
  ctx: OperationContext;
  /** The file of a topic in this view (the layout rule, the seed-era name). */
  path(layout: Layout, topic: string): Promise<string>;
  companions?: CompanionFiles;
}

/**
 * Applies operations in order to one view's files: one try of a write, for one operation or a
 * group commit of many. An operation that cannot apply (bad input, an unknown thread) gets its
 * error and the others go on; one that is already there (its Entry-ID) changes nothing.
 */
export async function prepareBatch(
  view: BackendView,
  items: readonly BatchItem[],
  bc: BatchContext,
): Promise<Batch> {
  const read = new Map<string, { text: string | null; base: string | null }>();
  const texts = new Map<string, string>();
  const load = async (path: string) => {
    let known = read.get(path);
    if (known === undefined) {
      const file = await view.file(path);
      known = { text: file?.text ?? null, base: file?.id ?? null };
      read.set(path, known);
    }
    return known;
  };
  const current = async (path: string) => texts.get(path) ?? (await load(path)).text;
  const outcomes: BatchOutcome[] = [];
  const parts: CommitPart[] = [];
  const changes: ThreadChange[] = [];
  for (const item of items) {
    try {
      const path = await bc.path(bc.layout, item.op.topic);
      const before = await current(path);
      const at = item.writtenAt;
      const result = applyOperation(
        before,
        item.op,
        at === undefined ? bc.ctx : { ...bc.ctx, now: () => at },
      );
      if (result.changed && !result.alreadyApplied) {
        texts.set(path, result.text);
        parts.push({ op: item.op, entryId: result.entryId });
        changes.push({ path, op: item.op, before, after: result.text });
      }
      outcomes.push({ item, result, error: null });
    } catch (error) {
      outcomes.push({ item, result: null, error });
    }
  }
  if (bc.companions !== undefined) {
    for (const change of changes) {
      for (const extra of await bc.companions(change, current)) {
        await load(extra.path);
        texts.set(extra.path, extra.text);
      }
    }
  }
  const files: FileWrite[] = [...texts].map(([path, text]) => ({
    path,
    text,
    base: read.get(path)?.base ?? null,
  }));
  return { files, parts, message: commitMessageFor(parts, bc.ctx), outcomes };
}

/**
 * The operation with its author tagged `Name (user)` as this process would write it: fixed before
 * it is queued, because a group commit may apply it in a batch led by another writer.
 */
export function withAgentTag(op: Operation, ctx: OperationContext): Operation {
  if (!('agent' in op)) return op;
  try {
    return { ...op, agent: canonicalAgent(op.agent, ctx.registry, ctx.user) };
  } catch {
    return op; // applyOperation will say what is wrong with the name.
  }
}
