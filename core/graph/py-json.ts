/**
 * JSON as Python's `json` module writes it with its defaults (`ensure_ascii=True`), so files the
 * 2026 Python tool also writes come out byte for byte as it would write them: every character
 * past ASCII becomes a `\uXXXX` escape (astral ones as their surrogate pair, as Python does).
 */
function escapeNonAscii(json: string): string {
  return json.replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** `json.dump(value, f, indent=2)`: no newline at the end. */
export function pyJsonIndented(value: unknown): string {
  return escapeNonAscii(JSON.stringify(value, null, 2));
}

/** `json.dumps(item, separators=(",", ":")) + "\n"` per item: a JSONL file. */
export function pyJsonLines(items: readonly unknown[]): string {
  return items.map((item) => `${escapeNonAscii(JSON.stringify(item))}\n`).join('');
}

/** The objects of a JSONL file; lines that do not parse are kept aside so nothing is lost. */
export function readJsonLines(text: string | null): {
  items: Record<string, unknown>[];
  unreadable: string[];
} {
  const items: Record<string, unknown>[] = [];
  const unreadable: string[] = [];
  for (const line of (text ?? '').split('\n')) {
    if (line.trim() === '') continue;
    try {
      const value: unknown = JSON.parse(line);
      if (value !== null && typeof value === 'object' && !Array.isArray(value))
        items.push(value as Record<string, unknown>);
      else unreadable.push(line);
    } catch {
      unreadable.push(line);
    }
  }
  return { items, unreadable };
}
