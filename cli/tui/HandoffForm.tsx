/**
 * Hand off the ball: a picker of the people who may receive it (core's `handoffTargets`: the
 * default, the thread's participants, the registry), narrowed by what is typed; Enter takes the
 * highlighted one. A typed name that matches nobody is refused with the reason, never sent as is.
 */
import { Box, type Key, Text } from 'ink';
import type { AgentRegistry, HandoffTarget } from '../../core/index.js';
import { resolveHandoffTarget } from '../../core/index.js';
import { type EditorState, editKey, editorRows, emptyEditor } from './editor.js';
import { Row, useTone } from './theme.js';
import { type Line, textWidth } from './text.js';

export interface HandoffMode {
  kind: 'handoff';
  to: EditorState;
  note: EditorState;
  field: 'to' | 'note';
  /** Highlighted candidate, in the narrowed list. */
  at: number;
  problem: string | null;
}

export const openHandoff = (): HandoffMode => ({
  kind: 'handoff',
  to: emptyEditor(),
  note: emptyEditor(),
  field: 'to',
  at: 0,
  problem: null,
});

const MAX_CANDIDATES = 4;

/** The candidates that match what is typed (all of them when nothing is). */
function narrowTargets(targets: readonly HandoffTarget[], typed: string): HandoffTarget[] {
  const q = typed.trim().toLowerCase();
  return q === '' ? [...targets] : targets.filter((t) => t.name.toLowerCase().includes(q));
}

export type HandoffStep = { mode: HandoffMode | null } | { send: { to: string; note: string } };

/** One key in the form: the next form (null: closed), or what to send. */
export function handoffKey(
  m: HandoffMode,
  targets: readonly HandoffTarget[],
  registry: AgentRegistry | undefined,
  input: string,
  key: Key,
): HandoffStep {
  const shown = narrowTargets(targets, m.to.value);
  if (key.escape) return { mode: null };
  if (key.tab) return { mode: { ...m, field: m.field === 'to' ? 'note' : 'to' } };
  if (key.upArrow || key.downArrow) {
    const by = key.upArrow ? -1 : 1;
    return { mode: { ...m, at: Math.max(0, Math.min(shown.length - 1, m.at + by)) } };
  }
  if (key.return) {
    const note = m.note.value.trim();
    const picked = shown[Math.min(m.at, shown.length - 1)];
    if (picked !== undefined) return { send: { to: picked.name, note } };
    const typed = m.to.value.trim();
    const found = resolveHandoffTarget(
      typed,
      targets,
      registry ?? { canonical: {}, counterpart: {} },
    );
    if ('name' in found) return { send: { to: found.name, note } };
    const problem =
      'ambiguous' in found
        ? `“${typed}” could be ${found.ambiguous.join(' or ')}: pick one.`
        : `“${typed}” is not on this thread or in the agent registry: pick someone from the list.`;
    return { mode: { ...m, field: 'to', problem } };
  }
  const edited = editKey(m[m.field], input, key, false);
  if (edited === null) return { mode: m };
  return { mode: { ...m, [m.field]: edited, at: m.field === 'to' ? 0 : m.at, problem: null } };
}

/** Rows the form takes: target, candidates, note, and the problem (wrapped, never cut). */
export function handoffRows(
  m: HandoffMode,
  targets: readonly HandoffTarget[],
  width: number,
): number {
  const shown = Math.min(MAX_CANDIDATES, narrowTargets(targets, m.to.value).length);
  const problem = m.problem === null ? 0 : Math.ceil(textWidth(m.problem) / Math.max(1, width));
  return 2 + Math.max(1, shown) + problem;
}

const SOURCE: Record<HandoffTarget['source'], string> = {
  default: 'default',
  participant: 'on this thread',
  registry: 'registry',
};

export function HandoffForm({
  mode,
  targets,
  width,
}: {
  mode: HandoffMode;
  targets: readonly HandoffTarget[];
  width: number;
}) {
  const tone = useTone();
  const shown = narrowTargets(targets, mode.to.value);
  const at = Math.min(mode.at, Math.max(0, shown.length - 1));
  const first = Math.max(0, at - MAX_CANDIDATES + 1);
  const field = (label: string, state: EditorState, active: boolean, placeholder: string) => {
    const { rows } = editorRows(state, Math.max(4, width - label.length), active);
    const line: Line =
      state.value === ''
        ? [...(active ? [{ text: ' ', inverse: true }] : []), { text: placeholder, dim: true }]
        : (rows[rows.length - 1] ?? []);
    return <Row line={[{ text: label, bold: active, tone: 'accent' }, ...line]} />;
  };
  return (
    <Box flexDirection="column">
      {field(
        'Hand off to: ',
        mode.to,
        mode.field === 'to',
        ' type to narrow · ↑↓ pick · Tab note · ⏎ hand off',
      )}
      {shown.length === 0 ? (
        <Text dimColor wrap="truncate-end">
          {'  '}nobody matches; ⏎ checks the name
        </Text>
      ) : (
        shown.slice(first, first + MAX_CANDIDATES).map((t, i) => (
          <Text key={t.name} inverse={first + i === at} wrap="truncate-end">
            {first + i === at ? '› ' : '  '}
            {t.name}
            <Text dimColor> ({SOURCE[t.source]})</Text>
          </Text>
        ))
      )}
      {field('Note:        ', mode.note, mode.field === 'note', ' (optional)')}
      {mode.problem !== null && (
        <Text bold color={tone('bad')} wrap="wrap">
          {mode.problem}
        </Text>
      )}
    </Box>
  );
}
