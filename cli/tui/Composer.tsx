/**
 * The composer, for a reply or a new thread: topic (new threads), title (required), type, role
 * and a multi-line body, under the tail of the thread being answered. Enter in the body is a new
 * line; Ctrl+S (or Ctrl+D) sends; Ctrl+G edits the body in $EDITOR. Esc leaves and keeps the
 * draft (r picks it up again, also after a restart); Ctrl+X discards it, after asking.
 */
import { Box, Text } from 'ink';
import { ENTRY_TYPES, ROLES } from '../../core/index.js';
import { type ComposerField, type Draft, fieldsOf, isDirty, isNewThread } from './draft.js';
import { editKey, editorRows } from './editor.js';
import { Row, useTone } from './theme.js';
import { useKeys } from './use-keys.js';
import type { Line } from './text.js';
import type { SyncState } from './use-sync-state.js';

interface Props {
  /** The draft (never null while the composer is shown). */
  draft: SyncState<Draft | null>;
  me: string;
  width: number;
  height: number;
  /** The end of the thread being answered (shown above the form when there is room). */
  preview: readonly Line[];
  busy: boolean;
  inputActive: boolean;
  onSend: (draft: Draft) => void;
  /** Esc: back to where the composer was opened; the draft is kept. */
  onLeave: (draft: Draft) => void;
  onDiscard: (draft: Draft) => void;
  onQuit: () => void;
  /** Ctrl+G: the body in the user's editor. */
  onEditor: (draft: Draft) => void;
}

const cycle = (i: number, n: number, by: number) => (i + by + n) % n;

/** Why the draft cannot be sent yet, and the field to fix; null when it can. */
function draftProblem(d: Draft): { field: ComposerField; text: string } | null {
  if (isNewThread(d) && d.topicInput.value.trim() === '')
    return { field: 'topic', text: 'A new thread needs a topic (letters, digits, - _ .).' };
  if (d.title.value.trim() === '')
    return { field: 'title', text: 'Give the entry a title (it is required).' };
  if (d.body.value.trim() === '')
    return { field: 'body', text: 'Write something in the body first.' };
  return null;
}

function useComposerKeys(props: Props) {
  useKeys(
    (input, key) => {
      // The latest draft, not this render's: typing is faster than frames.
      const draft = props.draft.get();
      if (props.busy || draft === null) return;
      const set = (patch: Partial<Draft>) =>
        props.draft.set({ ...draft, confirm: null, problem: null, ...patch });
      if (draft.confirm !== null) {
        if (input === 'y' || input === 'Y')
          return draft.confirm === 'quit' ? props.onQuit() : props.onDiscard(draft);
        if (input === 'n' || input === 'N' || key.escape || key.return) return set({});
        return;
      }
      if (key.escape) return props.onLeave(draft);
      if (key.ctrl && input === 'x')
        return isDirty(draft) ? set({ confirm: 'discard' }) : props.onDiscard(draft);
      if (key.ctrl && input === 'g') return props.onEditor(draft);
      if (key.ctrl && (input === 's' || input === 'd')) {
        const problem = draftProblem(draft);
        if (problem !== null) return set({ field: problem.field, problem: problem.text });
        return props.onSend(draft);
      }
      editField(draft, input, key, set);
    },
    { isActive: props.inputActive },
  );
}

function editField(
  draft: Draft,
  input: string,
  key: Parameters<typeof editKey>[2],
  set: (patch: Partial<Draft>) => void,
) {
  const fields = fieldsOf(draft);
  const at = fields.indexOf(draft.field);
  const next = (by: number) => fields[Math.max(0, Math.min(fields.length - 1, at + by))] ?? 'body';
  if (key.tab)
    return set({ field: fields[cycle(at, fields.length, key.shift ? -1 : 1)] ?? 'title' });
  if (draft.field === 'type' || draft.field === 'role') {
    const n = draft.field === 'type' ? ENTRY_TYPES.length : ROLES.length;
    const by = key.leftArrow ? -1 : key.rightArrow || input === ' ' ? 1 : 0;
    if (by !== 0) return set({ [draft.field]: cycle(draft[draft.field], n, by) });
    if (key.return || key.downArrow) return set({ field: next(1) });
    if (key.upArrow) return set({ field: next(-1) });
    return;
  }
  if (draft.field === 'title' || draft.field === 'topic') {
    if (key.return || key.downArrow) return set({ field: next(1) });
    if (key.upArrow) return set({ field: next(-1) });
    const which = draft.field === 'title' ? 'title' : 'topicInput';
    const edited = editKey(draft[which], input, key, false);
    if (edited !== null) set({ [which]: edited });
    return;
  }
  if (key.upArrow && draft.body.value.lastIndexOf('\n', draft.body.cursor - 1) === -1) {
    return set({ field: next(-1) });
  }
  const edited = editKey(draft.body, input, key, true);
  if (edited !== null) set({ body: edited });
}

export function Composer(props: Props) {
  const { me, width, height } = props;
  const tone = useTone();
  useComposerKeys(props);
  const draft = props.draft.value;
  if (draft === null) return null;
  const label = (field: ComposerField, text: string) => (
    <Text
      bold
      color={draft.field === field ? tone('accent') : undefined}
      inverse={draft.field === field}
    >
      {text}
    </Text>
  );
  const line = (field: 'title' | 'topic') => fieldLine(draft, field, width);
  const isNew = isNewThread(draft);
  const formRows = isNew ? 6 : 5;
  const previewRows = height >= 16 ? Math.min(props.preview.length, Math.floor(height / 3)) : 0;
  const bodyHeight = Math.max(1, height - formRows - (previewRows > 0 ? previewRows + 1 : 0));
  const { rows, cursorRow } = editorRows(draft.body, width - 2, draft.field === 'body');
  const firstRow = Math.max(0, Math.min(cursorRow - bodyHeight + 1, rows.length - bodyHeight));
  const note =
    draft.confirm === 'quit'
      ? 'Quit? The draft is saved and comes back next time. y quit · n stay'
      : draft.confirm === 'discard'
        ? 'Discard this draft for good? y discard · n keep'
        : draft.problem;
  return (
    <Box flexDirection="column" height={height}>
      {previewRows > 0 && <Preview lines={props.preview.slice(-previewRows)} width={width} />}
      <Text wrap="truncate-end">
        <Text bold>{isNew ? 'New thread' : `Reply to “${draft.topic}”`}</Text>
        <Text dimColor> as {me} · * required</Text>
      </Text>
      {isNew && (
        <Box>
          {label('topic', 'Topic*')}
          <Text> </Text>
          <Row line={line('topic')} />
        </Box>
      )}
      <Box>
        {label('title', 'Title*')}
        <Text> </Text>
        <Row line={line('title')} />
      </Box>
      <Box>
        {label('type', 'Type  ')}
        <Row line={choice(ENTRY_TYPES, draft.type, draft.field === 'type')} />
      </Box>
      <Box>
        {label('role', 'Role  ')}
        <Row line={choice(ROLES, draft.role, draft.field === 'role')} />
      </Box>
      <Box>
        {label('body', 'Body* ')}
        <Text
          color={note === null ? undefined : tone('warn')}
          bold={note !== null}
          dimColor={note === null}
          wrap="truncate-end"
        >
          {' '}
          {note ?? '⏎ new line · Ctrl+G $EDITOR · markdown welcome'}
        </Text>
      </Box>
      <Box flexDirection="column" height={bodyHeight}>
        {rows.slice(firstRow, firstRow + bodyHeight).map((l, i) => (
          <Row key={firstRow + i} line={[{ text: '  ' }, ...l]} />
        ))}
        {draft.body.value === '' && draft.field !== 'body' && <Text dimColor> (empty)</Text>}
      </Box>
    </Box>
  );
}

/** The end of the thread being answered, above the form, under a rule. */
function Preview({ lines, width }: { lines: readonly Line[]; width: number }) {
  return (
    <Box flexDirection="column" height={lines.length + 1}>
      {lines.map((l, i) => (
        <Row key={i} line={l} />
      ))}
      <Text dimColor>{'─'.repeat(Math.max(1, width))}</Text>
    </Box>
  );
}

/** A one-line field (title, topic) as the editor draws it: its last row, with the cursor. */
function fieldLine(draft: Draft, field: 'title' | 'topic', width: number): Line {
  const state = field === 'title' ? draft.title : draft.topicInput;
  const rows = editorRows(state, Math.max(4, width - 8), draft.field === field).rows;
  return rows[rows.length - 1] ?? [];
}

/** A choice (type, role): every item, the chosen one in brackets. */
function choice(items: readonly string[], at: number, active: boolean): Line {
  return items.flatMap((item, i) => [
    { text: ' ' },
    i === at
      ? { text: `[${item}]`, bold: true, tone: active ? ('accent' as const) : undefined }
      : { text: item, dim: true },
  ]);
}
