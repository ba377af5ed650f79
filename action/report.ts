import type { Issue } from '../core/index.js';
import type { RunResult } from './run.js';

/**
 * What the run looks like on GitHub: one annotation per finding on its file and line, a job
 * summary with a table per thread, the outputs. Written against a small sink so it needs no
 * `@actions/core` itself.
 */
export interface AnnotationProperties {
  title?: string;
  file?: string;
  startLine?: number;
}

export interface ReportSink {
  error(message: string, properties: AnnotationProperties): void;
  warning(message: string, properties: AnnotationProperties): void;
  notice(message: string, properties: AnnotationProperties): void;
  setOutput(name: string, value: string): void;
}

export function annotate(sink: ReportSink, issues: readonly Issue[]): void {
  for (const issue of issues) {
    // `::error file=…,line=…::CODE: message` — no title property, so the command reads as the
    // spec writes it and the code stays visible in the log and the annotation alike.
    const properties: AnnotationProperties = {};
    if (issue.file !== '') {
      properties.file = issue.file;
      if (issue.line > 0) properties.startLine = issue.line;
    }
    const text = `${issue.code}: ${issue.message}${issue.hint === '' ? '' : `\n${issue.hint}`}`;
    sink[issue.severity](text, properties);
  }
}

export function setOutputs(sink: ReportSink, result: RunResult): void {
  sink.setOutput('threads-checked', String(result.report.threadsChecked));
  sink.setOutput('entries-added', String(result.report.entriesAdded));
  sink.setOutput('issues', String(result.errors + result.warnings));
}

/** The job summary, as markdown (GitHub renders it on the run's page). */
export function summaryMarkdown(result: RunResult, strict: boolean): string {
  const { report } = result;
  const verdict = result.failed
    ? '❌ Thread history check failed'
    : '✅ Thread history is append-only';
  const out: string[] = [`## ${verdict}`, ''];
  out.push(
    `Range: ${escape(result.range.description)} · threads folder: \`${report.threadsDir === '' ? '/' : report.threadsDir}\`` +
      (strict ? ' · strict' : ''),
    '',
    `**${report.threadsChecked}** thread${report.threadsChecked === 1 ? '' : 's'} checked, **${report.entriesAdded}** entr${report.entriesAdded === 1 ? 'y' : 'ies'} added; ` +
      `${result.errors} error${result.errors === 1 ? '' : 's'}, ${result.warnings} warning${result.warnings === 1 ? '' : 's'}, ${result.notices} notice${result.notices === 1 ? '' : 's'}.`,
    '',
  );
  const general = report.issues.filter((i) => i.file === '');
  for (const issue of general)
    out.push(
      `- **${issue.severity}** \`${issue.code}\`: ${escape(issue.message)} ${escape(issue.hint)}`,
    );
  if (general.length > 0) out.push('');
  if (report.threads.length > 0) {
    out.push(
      '| Thread | Change | Entries added | Errors | Warnings | Notices |',
      '|---|---|---:|---:|---:|---:|',
    );
    for (const t of report.threads) {
      const n = (s: Issue['severity']): number => t.issues.filter((i) => i.severity === s).length;
      const name = t.from === undefined ? `\`${t.file}\`` : `\`${t.from}\` → \`${t.file}\``;
      out.push(
        `| ${name} | ${t.change} | ${t.entriesAdded} | ${n('error')} | ${n('warning')} | ${n('notice')} |`,
      );
    }
    out.push('');
  }
  const located = report.issues.filter((i) => i.file !== '');
  if (located.length > 0) {
    out.push('| Severity | Where | Code | Finding |', '|---|---|---|---|');
    for (const i of located)
      out.push(
        `| ${i.severity} | \`${i.file}:${i.line}\` | \`${i.code}\` | ${escape(i.message)}<br>${escape(i.hint)} |`,
      );
    out.push('');
  }
  return out.join('\n');
}

function escape(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/\r?\n/g, ' ');
}
