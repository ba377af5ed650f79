/**
 * The reply composer: title, type, role and a multi-line body. Enter in the body is a new line;
 * Ctrl+S (or Ctrl+D) sends; Esc cancels (twice when there is text, so a draft is never lost by a
 * stray key). The draft lives in the App, so a failed send keeps it for another try.
 */
import { Box, Text } from 'ink';
import { ENTRY_TYPES, ROLES } from '../../core/index.js';
import { type EditorState, editKey, editorRows, emptyEditor } from './editor.js';
import { Row, useTone } from './theme.js';
import { useKeys } from './use-keys.js';
import type { Line } from './text.js';
import type { SyncState } from './use-sync-state.js';

export type ComposerField = 'title' | 'type' | 'role' | 'body';
const FIELDS: readonly ComposerField[] = ['title', 'type', 'role', 'body'];

export interface Draft {
  topic: string;
  title: EditorState;
  type: number;
  role: number;
  body: EditorState;
  field: ComposerField;
  /** Set on the first send and kept, so a retry after an ambiguous failure cannot duplicate. */
  entryId: string | null;
  /** True after one Esc on a non-empty draft. */
  confirmDiscard: boolean;
}

export function newDraft(topic: string): Draft {
  return {
    topic,
    title: emptyEditor(),
    type: 0,
    role: Math.max(0, ROLES.indexOf('implementer')),
    body: emptyEditor(),
    field: 'title',
    entryId: null,
    confirmDiscard: false,
  };
}

interface Props {
  /** The draft (never null while the composer is shown). */
  draft: SyncState<Draft | null>;
  me: string;
  width: number;
  height: number;
  busy: boolean;
  inputActive: boolean;
  onSend: (draft: Draft) => void;
  onCancel: () => void;
}

const cycle = (i: number, n: number, by: number) => (i + by + n) % n;

export function Composer({
  draft: state,
  me,
  width,
  height,
  busy,
  inputActive,
  onSend,
  onCancel,
}: Props) {
  const tone = useTone();
  useKeys(
    (input, key) => {
      // The latest draft, not this render's: typing is faster than frames.
      const draft = state.get();
      if (busy || draft === null) return;
      const onDraft = state.set;
      const set = (patch: Partial<Draft>) => onDraft({ ...draft, confirmDiscard: false, ...patch });
      if (key.escape) {
        const dirty = draft.title.value.trim() !== '' || draft.body.value.trim() !== '';
        if (!dirty || draft.confirmDiscard) return onCancel();
        return onDraft({ ...draft, confirmDiscard: true });
      }
      if (key.ctrl && (input === 's' || input === 'd')) return onSend(draft);
      const at = FIELDS.indexOf(draft.field);
      if (key.tab)
        return set({ field: FIELDS[cycle(at, FIELDS.length, key.shift ? -1 : 1)] ?? 'title' });
      if (draft.field === 'type' || draft.field === 'role') {
        const n = draft.field === 'type' ? ENTRY_TYPES.length : ROLES.length;
        const by = key.leftArrow ? -1 : key.rightArrow || input === ' ' ? 1 : 0;
        if (by !== 0) return set({ [draft.field]: cycle(draft[draft.field], n, by) });
        if (key.return || key.downArrow) return set({ field: FIELDS[at + 1] ?? 'body' });
        if (key.upArrow) return set({ field: FIELDS[at - 1] ?? 'title' });
        return;
      }
      if (draft.field === 'title') {
        if (key.return || key.downArrow) return set({ field: 'type' });
        const next = editKey(draft.title, input, key, false);
        if (next !== null) set({ title: next });
        return;
      }
      if (key.upArrow && draft.body.value.lastIndexOf('\n', draft.body.cursor - 1) === -1) {
        return set({ field: 'role' });
      }
      const next = editKey(draft.body, input, key, true);
      if (next !== null) set({ body: next });
    },
    { isActive: inputActive },
  );

  const draft = state.value;
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
  const choice = (items: readonly string[], at: number, active: boolean): Line =>
    items.flatMap((item, i) => [
      { text: i === 0 ? ' ' : ' ' },
      i === at
        ? { text: `[${item}]`, bold: true, tone: active ? ('accent' as const) : undefined }
        : { text: item, dim: true },
    ]);

  const titleRows = editorRows(draft.title, Math.max(4, width - 8), draft.field === 'title').rows;
  const bodyHeight = Math.max(1, height - 5);
  const { rows, cursorRow } = editorRows(draft.body, width - 2, draft.field === 'body');
  const firstRow = Math.max(0, Math.min(cursorRow - bodyHeight + 1, rows.length - bodyHeight));
  const bodyRows = rows.slice(firstRow, firstRow + bodyHeight);

  return (
    <Box flexDirection="column" height={height}>
      <Text wrap="truncate-end">
        <Text bold>Reply to “{draft.topic}”</Text>
        <Text dimColor> as {me}</Text>
      </Text>
      <Box>
        {label('title', 'Title ')}
        <Text> </Text>
        <Row line={titleRows[titleRows.length - 1] ?? []} />
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
        {label('body', 'Body ')}
        <Text dimColor wrap="truncate-end">
          {' '}
          {draft.confirmDiscard ? 'Esc again discards this draft' : '⏎ new line · markdown welcome'}
        </Text>
      </Box>
      <Box flexDirection="column" height={bodyHeight}>
        {bodyRows.map((line, i) => (
          <Row key={firstRow + i} line={[{ text: '  ' }, ...line]} />
        ))}
        {draft.body.value === '' && draft.field !== 'body' && <Text dimColor> (empty)</Text>}
      </Box>
    </Box>
  );
}
