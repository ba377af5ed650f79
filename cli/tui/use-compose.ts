/**
 * The composer's actions: open a reply or a new thread (an existing draft comes back), send,
 * leave (the draft stays), discard, and the body in $EDITOR. A reply to a thread that vanished
 * meanwhile is refused (a `say` would quietly create it again), and a new thread may not take
 * the topic of one that exists.
 */
import type { Operation, ThreadStore, ThreadSummary } from '../../core/index.js';
import {
  ENTRY_TYPES,
  ROLES,
  isWatercoolerError,
  topicFileStem,
  withEntryId,
} from '../../core/index.js';
import { type Draft, draftKey, isNewThread, newDraft } from './draft.js';
import { emptyEditor } from './editor.js';
import type { Notice } from './Footer.js';
import { describeError, plural } from './format.js';
import { type Route, threadRoute } from './route.js';
import type { Drafts } from './use-drafts.js';
import type { Writes } from './use-writes.js';

/** Opens `$VISUAL`/`$EDITOR` on a text; resolves to the edited text, or an error to show. */
export type ExternalEditor = (text: string) => Promise<{ text: string } | { error: string }>;

export interface ComposeDeps {
  store: ThreadStore;
  me: string;
  drafts: Drafts;
  writes: Writes;
  route: Route;
  setRoute: (r: Route) => void;
  summaries: readonly ThreadSummary[] | null;
  editor: ExternalEditor | undefined;
  afterSend: () => void;
}

export function useCompose(d: ComposeDeps) {
  const note = (n: Notice) => d.writes.setNotice(n);
  const open = (topic: string) => {
    const slot = d.drafts.slot(topic);
    const kept = slot.get();
    slot.set(kept ?? newDraft(topic));
    d.writes.setNotice(kept === null ? null : { kind: 'info', text: 'Your saved draft is back.' });
    d.setRoute({ kind: 'compose', key: topic, back: d.route });
  };
  const leave = (draft: Draft) => {
    if (d.route.kind === 'compose') d.setRoute(d.route.back);
    note({
      kind: 'info',
      text: isNewThread(draft)
        ? 'Draft kept: N on the list picks it up again.'
        : 'Draft kept: r picks it up again (it survives a restart too).',
    });
  };
  const discard = (draft: Draft) => {
    d.drafts.slot(draftKey(draft)).set(null);
    d.drafts.flush();
    if (d.route.kind === 'compose') d.setRoute(d.route.back);
    note({ kind: 'info', text: 'Draft discarded.' });
  };

  const send = async (draft: Draft) => {
    const slot = d.drafts.slot(draftKey(draft));
    const topic = isNewThread(draft) ? draft.topicInput.value.trim() : draft.topic;
    const problem = await checkTopic(d, draft, topic);
    if (problem !== null) return slot.set({ ...draft, ...problem });
    const base: Operation = {
      kind: 'say',
      topic,
      agent: d.me,
      title: draft.title.value.trim(),
      body: draft.body.value,
      type: ENTRY_TYPES[draft.type],
      role: ROLES[draft.role],
    };
    // The Entry-ID is fixed on the first try, so sending again after a failure is idempotent.
    const op = draft.entryId === null ? withEntryId(base) : { ...base, entryId: draft.entryId };
    slot.set({ ...draft, entryId: 'entryId' in op ? (op.entryId ?? null) : null });
    d.drafts.flush();
    const label = isNewThread(draft) ? `New thread ${topic}` : `Reply to ${topic}`;
    if ((await d.writes.write(op, label)) === null) return;
    slot.set(null);
    d.drafts.flush();
    d.afterSend();
    d.setRoute(threadRoute(topic));
  };

  const edit = async (draft: Draft) => {
    if (d.editor === undefined) return;
    const slot = d.drafts.slot(draftKey(draft));
    const r = await d.editor(draft.body.value);
    const now = slot.get() ?? draft;
    if ('error' in r) {
      note({ kind: 'error', text: r.error });
      return slot.set({ ...now });
    }
    const text = r.text.replace(/\n+$/, '');
    slot.set({ ...now, body: emptyEditor(text), field: 'body', confirm: null, problem: null });
    note({
      kind: 'ok',
      text:
        text === now.body.value
          ? 'Editor closed; the body is unchanged.'
          : `Body from your editor: ${plural(text === '' ? 0 : text.split('\n').length, 'line')}. Ctrl+S sends.`,
    });
  };

  return { open, leave, discard, send, edit };
}

/** Why this topic cannot be written now (a problem for the composer), or null. */
async function checkTopic(
  d: ComposeDeps,
  draft: Draft,
  topic: string,
): Promise<Pick<Draft, 'problem' | 'field'> | null> {
  if (isNewThread(draft)) {
    try {
      topicFileStem(topic);
    } catch (err) {
      return {
        field: 'topic',
        problem: describeError(err).message + ' Use letters, digits, - _ .',
      };
    }
    if (draft.entryId === null && (d.summaries ?? []).some((s) => s.topic === topic))
      return { field: 'topic', problem: `A thread “${topic}” exists: open it and reply there.` };
    return null;
  }
  try {
    await d.store.read(topic);
    return null;
  } catch (err) {
    if (isWatercoolerError(err, 'THREAD_NOT_FOUND'))
      return {
        field: 'body',
        problem: `“${topic}” was deleted or renamed meanwhile; nothing was sent. The draft is kept.`,
      };
    return null; // Unreachable store and the like: the write itself reports it.
  }
}
