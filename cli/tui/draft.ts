/**
 * A reply (or a new thread) being written: what the composer edits, what is saved between runs.
 * Pure: the composer and the drafts store share these helpers.
 */
import { ROLES } from '../../core/index.js';
import { type EditorState, emptyEditor } from './editor.js';

export type ComposerField = 'topic' | 'title' | 'type' | 'role' | 'body';

export interface Draft {
  /** The thread replied to ('' for a new thread: its topic is `topicInput`). */
  topic: string;
  topicInput: EditorState;
  title: EditorState;
  type: number;
  role: number;
  body: EditorState;
  field: ComposerField;
  /** Set on the first send and kept, so a retry after an ambiguous failure cannot duplicate. */
  entryId: string | null;
  /** A question the composer is asking (discard the draft? quit?). */
  confirm: 'discard' | 'quit' | null;
  /** Why the last send was refused (a missing title), shown beside the field. */
  problem: string | null;
}

/** The key a draft is saved under: the thread's topic, or '' for the one new-thread draft. */
export const draftKey = (d: Pick<Draft, 'topic'>): string => d.topic;
export const isNewThread = (d: Draft): boolean => d.topic === '';

export function newDraft(topic: string): Draft {
  return {
    topic,
    topicInput: emptyEditor(),
    title: emptyEditor(),
    type: 0,
    role: Math.max(0, ROLES.indexOf('implementer')),
    body: emptyEditor(),
    field: topic === '' ? 'topic' : 'title',
    entryId: null,
    confirm: null,
    problem: null,
  };
}

export function fieldsOf(d: Draft): readonly ComposerField[] {
  return isNewThread(d)
    ? ['topic', 'title', 'type', 'role', 'body']
    : ['title', 'type', 'role', 'body'];
}

/** True when losing the draft would lose something the user wrote. */
export function isDirty(d: Draft | null | undefined): boolean {
  return (
    d !== null &&
    d !== undefined &&
    [d.topicInput, d.title, d.body].some((e) => e.value.trim() !== '')
  );
}

/** A saved draft read back, or null when it does not look like one (an older or broken file). */
export function reviveDraft(value: unknown): Draft | null {
  if (typeof value !== 'object' || value === null) return null;
  const d = value as Partial<Draft>;
  const editor = (e: unknown): EditorState | null => {
    const x = e as Partial<EditorState> | undefined;
    return typeof x?.value === 'string' && typeof x.cursor === 'number'
      ? { value: x.value, cursor: Math.max(0, Math.min(x.value.length, x.cursor)) }
      : null;
  };
  const title = editor(d.title);
  const body = editor(d.body);
  if (typeof d.topic !== 'string' || title === null || body === null) return null;
  const base = newDraft(d.topic);
  return {
    ...base,
    topicInput: editor(d.topicInput) ?? base.topicInput,
    title,
    body,
    type: typeof d.type === 'number' ? d.type : base.type,
    role: typeof d.role === 'number' ? d.role : base.role,
    entryId: typeof d.entryId === 'string' ? d.entryId : null,
  };
}
