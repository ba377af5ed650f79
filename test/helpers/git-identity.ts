/**
 * The git identity every test process runs with (vitest.config.ts puts it in `env`), so tests
 * that commit work on a machine with no `user.name`/`user.email`, without touching the user's
 * git configuration. Spawned bins get `cleanEnv()` instead and never see it: the stores' own
 * author rules stay under test.
 */
export const TEST_GIT_IDENTITY = {
  GIT_AUTHOR_NAME: 'Watercooler Test',
  GIT_AUTHOR_EMAIL: 'test@watercooler.invalid',
  GIT_COMMITTER_NAME: 'Watercooler Test',
  GIT_COMMITTER_EMAIL: 'test@watercooler.invalid',
};
