import { type Issue, lineAt } from './issue.js';

/**
 * A thread re-saved by an editor with CRLF endings or a byte order mark changes every line (or
 * the first) while no entry changed in content. Said once per file, as what it is; the entries are
 * then compared without it, so a real edit in the same change is still named, and nothing else is.
 */
export interface Comparable {
  oldText: string | null;
  newText: string;
  /** One finding per encoding change (CRLF, BOM); empty when there is none. */
  issues: Issue[];
}

const BOM = '\uFEFF';

export function comparable(oldText: string | null, newText: string, file: string): Comparable {
  const issues: Issue[] = [];
  let next = newText;
  const prev = oldText;
  if (next.startsWith(BOM) && !(prev ?? '').startsWith(BOM)) {
    issues.push({
      code: 'BOM',
      severity: 'error',
      message:
        'The file starts with a byte order mark (U+FEFF, invisible in most editors): it was saved as "UTF-8 with BOM", so its first line changed.',
      hint: 'Save it as plain UTF-8 (no BOM), e.g. VS Code: "Save with Encoding" → UTF-8.',
      file,
      line: 1,
    });
    next = next.slice(BOM.length);
  }
  const cr = next.indexOf('\r\n');
  if (cr !== -1 && (prev === null || !prev.includes('\r\n'))) {
    const lines = next.split('\r\n').length - 1;
    issues.push({
      code: 'CRLF',
      severity: 'error',
      message:
        prev === null
          ? `The file has CRLF (Windows) line endings (${lines} lines); thread files use LF.`
          : `The file was re-saved with CRLF (Windows) line endings (${lines} lines): every line changed, so the entries are compared here without them.`,
      hint: 'Keep LF endings: add `*.md text eol=lf` to .gitattributes (create-watercooler writes it), then `git add --renormalize . && git commit -m "Restore LF line endings"`.',
      file,
      line: lineAt(newText, newText.indexOf('\r\n')),
    });
    next = next.replace(/\r\n/g, '\n');
  }
  return { oldText: prev, newText: next, issues };
}
