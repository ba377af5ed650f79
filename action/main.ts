import { readFileSync } from 'node:fs';
import {
  error,
  getInput,
  info,
  notice,
  setFailed,
  setOutput,
  summary,
  warning,
} from '@actions/core';
import { redact } from '../core/index.js';
import { annotate, setOutputs, summaryMarkdown } from './report.js';
import { validateEvent } from './run.js';

/**
 * The adapter: the runner's inputs and event in, annotations, summary, outputs and one
 * `setFailed` out. Everything else is in run.ts. Exported as `run()` and called by index.ts, the
 * shape `@github/local-action` drives (it imports this file and calls `run`).
 */
export async function run(): Promise<void> {
  try {
    const strict = booleanInput('strict');
    const eventPath = process.env.GITHUB_EVENT_PATH;
    const event: unknown =
      eventPath === undefined || eventPath === ''
        ? {}
        : JSON.parse(readFileSync(eventPath, 'utf8'));
    const threadsDir = getInput('threads-dir');
    const result = await validateEvent({
      workspace: process.env.GITHUB_WORKSPACE ?? process.cwd(),
      eventName: process.env.GITHUB_EVENT_NAME ?? '',
      event,
      sha: process.env.GITHUB_SHA,
      threadsDir: threadsDir === '' ? undefined : threadsDir,
      allowDelete: booleanInput('allow-delete'),
      strict,
      env: process.env,
    });
    // Named imports (not the namespace object) let the bundler leave @actions/core's OIDC client out.
    const sink = { error, warning, notice, setOutput };
    annotate(sink, result.issues);
    setOutputs(sink, result);
    info(
      `Checked ${result.report.threadsChecked} thread(s) over ${result.range.description}: ${result.report.entriesAdded} entr(ies) added, ` +
        `${result.errors} error(s), ${result.warnings} warning(s), ${result.notices} notice(s).`,
    );
    if (process.env.GITHUB_STEP_SUMMARY)
      await summary.addRaw(summaryMarkdown(result, strict), true).write();
    if (result.failed) {
      const counted = strict ? result.errors + result.warnings : result.errors;
      setFailed(
        `${counted} thread history issue(s) found${strict && result.warnings > 0 ? ' (strict: warnings count)' : ''}. See the annotations.`,
      );
    }
  } catch (err) {
    // Non-Error throws are failures too.
    const message = err instanceof Error ? err.message : String(err);
    setFailed(redact(`Watercooler validation could not run: ${message}`));
  }
}

/** A YAML 1.2 core-schema boolean, as `core.getBooleanInput` reads it, but '' is false. */
function booleanInput(name: string): boolean {
  const value = getInput(name).trim();
  if (value === '') return false;
  if (/^(true|True|TRUE)$/.test(value)) return true;
  if (/^(false|False|FALSE)$/.test(value)) return false;
  throw new TypeError(`Input "${name}" must be true or false, not "${value}".`);
}
