import { WatercoolerError } from '../errors.js';
import { parseThread } from '../thread/parse.js';

/**
 * The one sanctioned rewrite of an existing entry (SPEC §6): its body replaced (or dropped), its
 * header, Entry-ID and every other byte of the file kept, so the validator can name exactly
 * which entry the `Watercooler-Redact:` commit touched.
 */
export function redactEntryText(text: string, entryId: string, replacement: string): string {
  const thread = parseThread(text);
  const entry =
    thread.entries.find((e) => e.entryId === entryId) ??
    thread.entries.find((e) => e.entryId?.toUpperCase() === entryId.toUpperCase());
  if (entry === undefined) {
    throw new WatercoolerError(
      'ENTRY_NOT_FOUND',
      `No entry with Entry-ID ${entryId} in this thread.`,
      {
        hint: 'List the ids with `watercooler read TOPIC --json` (entries[].entry_id).',
      },
    );
  }
  // The body starts after the entry header's blank line and ends before a closing Entry-ID line.
  const headerEnd = text.indexOf('\n\n', text.indexOf('\n', entry.start + 1));
  const bodyStart = headerEnd === -1 || headerEnd >= entry.end ? entry.end : headerEnd + 2;
  const idLineStart = text.lastIndexOf('\n', entry.end - 1) + 1;
  const closingId =
    entry.entryId !== null &&
    idLineStart >= bodyStart &&
    /<!--\s*Entry-ID:/i.test(text.slice(idLineStart, entry.end));
  // With a closing Entry-ID line the body ends at the newline before it (or is empty when the
  // Entry-ID follows the blank line directly, as after --drop-body).
  const bodyEnd = closingId ? Math.max(idLineStart - 1, bodyStart) : entry.end;
  const body = replacement.replace(/\r\n?/g, '\n').trimEnd();
  if (text.slice(bodyStart, bodyEnd) === body) return text;
  if (body === '') {
    // Drop the body and its line: the header's blank line then leads straight to the Entry-ID.
    return text.slice(0, bodyStart - 1) + text.slice(bodyEnd);
  }
  if (bodyStart === entry.end)
    return `${text.slice(0, entry.end)}\n\n${body}${text.slice(entry.end)}`;
  if (bodyStart === bodyEnd) return `${text.slice(0, bodyStart)}${body}\n${text.slice(bodyEnd)}`;
  return text.slice(0, bodyStart) + body + text.slice(bodyEnd);
}
