/**
 * What the hub bundle gets instead of the local, git and Octokit GitHub stores (see build.ts):
 * they need a disk, a git binary or Node's Octokit, which the hub does without. core's store
 * factory imports them lazily, so nothing the hub runs ever reaches this module.
 */
throw new Error(
  'The local, git and Octokit GitHub stores are not in the hub: its Durable Object writes through github-batch.',
);
