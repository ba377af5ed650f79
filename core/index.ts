/**
 * The public API of the core: the thread model, operations, the ball, the stores. Surfaces import
 * from here only. Explicit named exports: what is not listed is internal.
 */
export { WatercoolerError, isWatercoolerError } from './errors.js';
export type { ErrorCode } from './errors.js';
export { redact, registerSecret } from './redact.js';
/** The largest entry body every surface accepts (UTF-8 bytes). */
export { MAX_ENTRY_BYTES } from './limits.js';
/** The one git runner (system git, no prompts, a token only through a scoped credential helper). */
export { GitRunner } from './git.js';
export type { GitRunnerOptions, GitResult } from './git.js';
export { parseThread, serializeThread, parseHeader } from './thread/parse.js';
export type { Entry, Thread, ThreadHeader } from './thread/parse.js';
export { mergeDriverCommand, mergeThreads } from './thread/merge.js';
export type { ThreadMerge } from './thread/merge.js';
export {
  ROLES,
  ENTRY_TYPES,
  STATUSES,
  newEntryId,
  isEntryId,
  formatTimestamp,
  isClosedStatus,
  normalizeStatus,
  topicFileStem,
} from './thread/entry.js';
export {
  applyOperation,
  withEntryId,
  bumpHeader,
  appendsEntry,
  createsThread,
} from './operations.js';
export type { Operation, OperationKind, OperationContext, OperationResult } from './operations.js';
export {
  DEFAULT_REGISTRY,
  mergeRegistry,
  splitAgent,
  canonicalAgent,
  counterpartOf,
  sameAgent,
  displayNameForClient,
} from './agents.js';
export type { AgentRegistry } from './agents.js';
export { nextBall, isYourTurn, isNewFor } from './ball.js';
/** Who may receive the ball on a thread, and what a typed name means among them. */
export { handoffTargets, resolveHandoffTarget } from './handoff-targets.js';
export type { HandoffTarget } from './handoff-targets.js';
export {
  CONFIG_FILE,
  DEFAULT_BALL,
  parseConfig,
  loadConfigSchema,
  readConfigFile,
  findConfigRoot,
  parseAgentsFile,
  threadsConfigOf,
} from './config.js';
export type { WatercoolerConfig, ConfigRead } from './config.js';
export { openStore } from './store/open.js';
export { openGitHubSingleWriter } from './store/github-single-writer.js';
export type {
  OpenStoreOptions,
  LocalStoreOptions,
  GitStoreOptions,
  GitHubStoreOptions,
  StoreCommonOptions,
} from './store/open.js';
export type {
  ThreadStore,
  ThreadSummary,
  ThreadSnapshot,
  WriteResult,
  StoreInfo,
  PendingOperation,
  SyncReport,
  ThreadsConfig,
} from './store/store.js';
/** The write `--json` shape of an applied operation, for stores built outside core (the hub). */
export { DEFAULT_RETRY_BUDGET_MS, writeResultOf } from './store/retry.js';
export type { RetryOptions } from './store/retry.js';
export { summarizeThread } from './store/summary.js';
export { inspectLock } from './store/lock.js';
export { lockPathFor } from './store/local.js';
export { gitHubFileCache } from './store/file-cache.js';
export { closestTopics } from './suggest.js';
export { searchThread, compileQuery } from './search.js';
export type { SearchQuery, SearchHit, SearchField } from './search.js';
export { renderIndexMarkdown, renderIndexHtml } from './render.js';
export type { IndexRow } from './render.js';
export { toListRow, filterRows, toEntryJson, toThreadJson, selectEntries } from './views.js';
export type { ListFilter, EntrySelection, EntryJson, ThreadJson, ListRow } from './views.js';
export {
  validateRange,
  resolveRange,
  validateThread,
  validateChange,
  isFailing,
  workTreeOf,
} from './validate/index.js';
export type {
  RangeOptions,
  RangeReport,
  ThreadResult,
  RangeRequest,
  ResolvedRange,
  Issue,
  IssueCode,
  IssueSeverity,
} from './validate/index.js';
