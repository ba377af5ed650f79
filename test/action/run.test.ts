/**
 * Which range an event asks for (action/run.ts `requestFor`), from GitHub's documented payloads:
 * push (before/after, ref, default branch, first pushed commit), pull_request and
 * pull_request_target (base.sha/head.sha), merge_group (base_sha/head_sha); any other trigger checks
 * every thread at GITHUB_SHA; a payload without its commits is refused with a message.
 */
import { describe, expect, it } from 'vitest';
import { requestFor } from '../../action/run.js';
import { pullRequestPayload, pushPayload } from './harness.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);

describe('requestFor', () => {
  it('push', () => {
    expect(requestFor('push', pushPayload(A, B, { ref: 'refs/heads/x', commits: [B] }))).toEqual({
      kind: 'push',
      before: A,
      after: B,
      ref: 'refs/heads/x',
      defaultBranch: 'main',
      firstCommit: B,
      forced: false,
    });
  });
  it('pull_request and pull_request_target', () => {
    for (const name of ['pull_request', 'pull_request_target']) {
      expect(requestFor(name, pullRequestPayload(A, B))).toEqual({
        kind: 'pull_request',
        base: A,
        head: B,
      });
    }
  });
  it('merge_group', () => {
    expect(requestFor('merge_group', { merge_group: { base_sha: A, head_sha: B } })).toEqual({
      kind: 'pull_request',
      base: A,
      head: B,
    });
  });
  it('other triggers check every thread at GITHUB_SHA', () => {
    expect(requestFor('workflow_dispatch', {}, B)).toEqual({ kind: 'refs', base: null, head: B });
    expect(requestFor('schedule', undefined)).toEqual({ kind: 'refs', base: null, head: 'HEAD' });
  });
  it('refuses a payload without its commits', () => {
    expect(() => requestFor('push', { ref: 'refs/heads/main' })).toThrow(/no before\/after/);
    expect(() => requestFor('pull_request', { pull_request: {} })).toThrow(/no base\/head/);
  });
});
