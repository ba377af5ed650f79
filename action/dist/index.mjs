import { createRequire as __wcCreateRequire } from 'node:module'; const require = __wcCreateRequire(import.meta.url);
var __defProp = Object.defineProperty;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __esm = (fn, res, err) => function __init() {
  if (err) throw err[0];
  try {
    return fn && (res = (0, fn[__getOwnPropNames(fn)[0]])(fn = 0)), res;
  } catch (e) {
    throw err = [e], e;
  }
};
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};

// core/redact.ts
function registerSecret(secret) {
  if (secret !== void 0 && secret.length >= 4) secrets.add(secret);
}
function redact(text) {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join("***");
  for (const pattern of PATTERNS) {
    out = out.replace(pattern, (match, ...groups) => {
      const parts = groups.slice(0, -2).filter((g) => typeof g === "string");
      if (parts.length === 3) return `${parts[0]}***${parts[2]}`;
      if (parts.length === 2) return `${parts[0]}***`;
      return match.length > 0 ? "***" : match;
    });
  }
  return out;
}
var secrets, PATTERNS;
var init_redact = __esm({
  "core/redact.ts"() {
    secrets = /* @__PURE__ */ new Set();
    PATTERNS = [
      /\b(gh[pousr]_[A-Za-z0-9]{20,})\b/g,
      /\b(github_pat_[A-Za-z0-9_]{20,})\b/g,
      /(\/\/[^/\s:@]+:)([^@\s/]+)(@)/g,
      // The credential itself (RFC 6750 token characters), not a placeholder or the next word.
      /(authorization:\s*(?:bearer|token|basic)\s+)([A-Za-z0-9\-._~+/]+=*)/gi
    ];
  }
});

// core/errors.ts
function isWatercoolerError(err, ...codes) {
  return err instanceof WatercoolerError && (codes.length === 0 || codes.includes(err.code));
}
var WatercoolerError;
var init_errors = __esm({
  "core/errors.ts"() {
    init_redact();
    WatercoolerError = class extends Error {
      code;
      hint;
      constructor(code, message, options = {}) {
        super(redact(message), options.cause === void 0 ? void 0 : { cause: options.cause });
        this.name = "WatercoolerError";
        this.code = code;
        this.hint = options.hint === void 0 ? void 0 : redact(options.hint);
      }
    };
  }
});

// core/git.ts
import { spawn } from "node:child_process";
function gitEnvironment(options) {
  const env = {};
  for (const [k, v] of Object.entries(options.env ?? {})) if (v !== void 0) env[k] = v;
  env.GIT_TERMINAL_PROMPT = "0";
  env.GCM_INTERACTIVE = "never";
  env.LC_ALL = "C";
  env.LANG = "C";
  env.GIT_PAGER = "cat";
  env.GIT_EDITOR = "true";
  if (env.GIT_SSH_COMMAND === void 0 && env.GIT_SSH === void 0)
    env.GIT_SSH_COMMAND = "ssh -o BatchMode=yes";
  const settings = [["gc.autoDetach", "false"]];
  for (const [k, v] of Object.entries(options.config ?? {})) settings.push([k, v]);
  if (options.token !== void 0 && options.token !== "") {
    registerSecret(options.token);
    env[TOKEN_VAR] = options.token;
    settings.push(["credential.helper", ""], ["credential.helper", HELPER]);
  }
  let count = Number(env.GIT_CONFIG_COUNT ?? "0");
  if (!Number.isInteger(count) || count < 0) count = 0;
  for (const [key, value] of settings) {
    env[`GIT_CONFIG_KEY_${count}`] = key;
    env[`GIT_CONFIG_VALUE_${count}`] = value;
    count++;
  }
  env.GIT_CONFIG_COUNT = String(count);
  return env;
}
function classifyFailure(stderr) {
  const s = stderr.toLowerCase();
  if (/authentication failed|could not read (username|password)|permission denied \(|http(?:\s+status)?\s*40[13]\b|returned error: 40[13]|terminal prompts disabled|invalid username or password|access denied/.test(
    s
  )) {
    return "auth";
  }
  if (/stale info|non-fast-forward|fetch first|\[rejected\]|failed to update ref|cannot lock ref|failed to lock|incorrect old value/.test(
    s
  )) {
    return "rejected";
  }
  if (/repository '.*' not found|returned error: 404|repository not found/.test(s))
    return "not-found";
  if (/could not resolve|couldn't resolve|failed to connect|connection refused|connection reset|connection timed out|timed out|unable to access|empty reply|rpc failed|remote end hung up|early eof|network is unreachable|no route to host|could not read from remote|does not appear to be a git repository|returned error: 5\d\d|transfer closed|recv failure|send failure|broken pipe|unexpected disconnect|killed by watercooler timeout/.test(
    s
  )) {
    return "unreachable";
  }
  return "other";
}
function gitFailure(args, result) {
  const kind = classifyFailure(result.stderr);
  const lines = result.stderr.split("\n").map((l) => l.replace(/^(fatal|error):\s*/, "").trim()).filter((l) => l !== "");
  const detail = lines.slice(0, 2).join(" / ");
  return new GitError(
    KIND_CODE[kind],
    `git ${args[0] ?? ""} failed (exit ${result.code}): ${detail || "no output"}`,
    {
      exitCode: result.code,
      stderr: result.stderr,
      kind,
      hint: KIND_HINT[kind]
    }
  );
}
var GitError, TOKEN_VAR, HELPER, KIND_CODE, KIND_HINT, GitRunner, CatFile;
var init_git = __esm({
  "core/git.ts"() {
    init_errors();
    init_redact();
    GitError = class extends WatercoolerError {
      exitCode;
      stderr;
      kind;
      constructor(code, message, details) {
        super(code, message, { hint: details.hint });
        this.name = "GitError";
        this.exitCode = details.exitCode;
        this.stderr = redact(details.stderr);
        this.kind = details.kind;
      }
    };
    TOKEN_VAR = "WATERCOOLER_GIT_CREDENTIAL_TOKEN";
    HELPER = `!f() { test "$1" = get || exit 0; echo username=x-access-token; echo "password=$${TOKEN_VAR}"; }; f`;
    KIND_CODE = {
      unreachable: "UNREACHABLE",
      auth: "AUTH",
      "not-found": "REPO_NOT_FOUND",
      rejected: "CONFLICT",
      other: "GIT"
    };
    KIND_HINT = {
      unreachable: "Check the network and the remote URL; writes are kept in the outbox until `watercooler sync` can reach it.",
      auth: "Check your credentials: an SSH key in your agent, your git credential helper, or a token in WATERCOOLER_GITHUB_TOKEN / GITHUB_TOKEN with contents: write.",
      "not-found": "Check the remote URL, and that your credentials can see the repository.",
      rejected: "Another writer won the race; run the command again (it is safe to repeat).",
      other: "Run the same git command by hand in the clone to see more (the stderr above is redacted)."
    };
    GitRunner = class {
      env;
      gitDir;
      constructor(options) {
        this.env = gitEnvironment(options);
        this.gitDir = options.gitDir;
      }
      argv(args) {
        return this.gitDir === void 0 ? [...args] : [`--git-dir=${this.gitDir}`, ...args];
      }
      /** Runs `git <args>`; throws a GitError on a non-zero exit unless `allowFailure`. */
      run(args, options = {}) {
        return new Promise((resolve3, reject) => {
          let child;
          try {
            child = spawn("git", this.argv(args), {
              env: { ...this.env, ...options.env },
              stdio: "pipe"
            });
          } catch (err2) {
            reject(
              new WatercoolerError("GIT", `Could not start git: ${err2.message}`, {
                hint: "Install git and put it on PATH."
              })
            );
            return;
          }
          const out = [];
          const err = [];
          let timedOut = false;
          const timer = options.timeoutMs === void 0 ? void 0 : setTimeout(() => {
            timedOut = true;
            child.kill("SIGKILL");
          }, options.timeoutMs);
          child.stdout.on("data", (d) => out.push(d));
          child.stderr.on("data", (d) => err.push(d));
          child.on("error", (e) => {
            if (timer !== void 0) clearTimeout(timer);
            const hint = e.code === "ENOENT" ? "Install git and put it on PATH." : void 0;
            reject(new WatercoolerError("GIT", `Could not run git: ${e.message}`, { hint }));
          });
          child.on("close", (code) => {
            if (timer !== void 0) clearTimeout(timer);
            let stderr = redact(Buffer.concat(err).toString("utf8"));
            if (timedOut) stderr += `
killed by watercooler timeout after ${options.timeoutMs} ms`;
            const result = { code: code ?? 128, stdout: Buffer.concat(out).toString("utf8"), stderr };
            if (result.code !== 0 && options.allowFailure !== true) reject(gitFailure(args, result));
            else resolve3(result);
          });
          child.stdin.on("error", () => {
          });
          child.stdin.end(options.input);
        });
      }
      /** Starts a long-lived `git cat-file --batch` on this repository. */
      catFile() {
        return new CatFile(
          spawn("git", this.argv(["cat-file", "--batch"]), { env: this.env, stdio: "pipe" })
        );
      }
    };
    CatFile = class {
      constructor(child) {
        this.child = child;
        child.stdout.on("data", (d) => {
          this.buffer = this.buffer.length === 0 ? d : Buffer.concat([this.buffer, d]);
          this.drain();
        });
        const fail = (message) => {
          this.failed = new WatercoolerError("GIT", message, {
            hint: "Check that git is installed and the clone is intact."
          });
          for (const w of this.waiters.splice(0)) w.reject(this.failed);
        };
        child.on("error", (e) => fail(`git cat-file could not run: ${e.message}`));
        child.on("close", () => fail("git cat-file stopped."));
        child.stdin.on("error", () => {
        });
        child.stderr.resume();
      }
      child;
      buffer = Buffer.alloc(0);
      waiters = [];
      failed = null;
      /** The object a name (`<sha>`, `<commit>:<path>`) resolves to, or null. */
      get(name) {
        if (this.failed !== null) return Promise.reject(this.failed);
        if (/[\r\n]/.test(name)) return Promise.resolve(null);
        return new Promise((resolve3, reject) => {
          this.waiters.push({ resolve: resolve3, reject });
          this.child.stdin.write(`${name}
`);
        });
      }
      drain() {
        for (; ; ) {
          const waiter = this.waiters[0];
          if (waiter === void 0) return;
          const eol = this.buffer.indexOf(10);
          if (eol === -1) return;
          const header = this.buffer.subarray(0, eol).toString("utf8");
          const parts = header.split(" ");
          if (/ (missing|ambiguous)$/.test(header) && !/^[0-9a-f]+ \w+ \d+$/.test(header)) {
            this.buffer = this.buffer.subarray(eol + 1);
            this.waiters.shift();
            waiter.resolve(null);
            continue;
          }
          const size = Number(parts[2]);
          if (parts.length !== 3 || !Number.isInteger(size)) {
            this.buffer = this.buffer.subarray(eol + 1);
            this.waiters.shift();
            waiter.reject(
              new WatercoolerError(
                "GIT",
                `Unexpected answer from git cat-file: ${header.slice(0, 80)}`
              )
            );
            continue;
          }
          if (this.buffer.length < eol + 1 + size + 1) return;
          const content = Buffer.from(this.buffer.subarray(eol + 1, eol + 1 + size));
          this.buffer = this.buffer.subarray(eol + 1 + size + 1);
          this.waiters.shift();
          waiter.resolve({ sha: parts[0] ?? "", type: parts[1] ?? "", content });
        }
      }
      /** Ends the process. */
      close() {
        this.child.stdin.end();
        this.child.kill();
      }
    };
  }
});

// core/thread/fence.ts
function stepFence(open, line, lineNo) {
  const match = FENCE_LINE.exec(line);
  if (match?.[1] === void 0) return { open, isFence: false };
  const run2 = match[1];
  const rest = match[2] ?? "";
  const char = run2[0] ?? "`";
  if (open === null) {
    if (char === "`" && rest.includes("`")) return { open, isFence: false };
    return { open: { char, len: run2.length, line: lineNo }, isFence: true };
  }
  if (char === open.char && run2.length >= open.len && rest.trim() === "")
    return { open: null, isFence: true };
  return { open, isFence: true };
}
var FENCE_LINE;
var init_fence = __esm({
  "core/thread/fence.ts"() {
    FENCE_LINE = /^\s*(`{3,}|~{3,})(.*)$/;
  }
});

// core/thread/parse.ts
function parseThread(text) {
  const headerEnd = headerEndOf(text);
  const header = parseHeader(text.slice(0, headerEnd));
  const marks = findEntryLines(text, headerEnd);
  const entries = marks.map((mark, index) => buildEntry(text, mark, index, marks[index + 1]));
  const preambleEnd = entries[0]?.start ?? text.length;
  const preamble = text.slice(headerEnd, preambleEnd).trim();
  return { header, headerEnd, preamble, entries, text };
}
function headerEndOf(text) {
  let pos = 0;
  let lineNo = 0;
  while (pos < text.length) {
    let end = text.indexOf("\n", pos);
    if (end === -1) end = text.length;
    const line = text.slice(pos, end);
    if (line.trim() === "---" || ENTRY_LINE.test(line)) return Math.max(0, pos - 1);
    if (line.trim() === "") {
      const next = nextNonBlank(text, end);
      const titleOnly = lineNo === 1 && text.startsWith("#");
      if (titleOnly && next !== null && HEADER_KEY.test(next.line)) {
        pos = next.start;
        lineNo++;
        continue;
      }
      return Math.max(0, pos - 1);
    }
    pos = end + 1;
    lineNo++;
  }
  return text.endsWith("\n") ? text.length - 1 : text.length;
}
function nextNonBlank(text, from) {
  let pos = from;
  while (pos < text.length) {
    const start = pos + 1;
    let end = text.indexOf("\n", start);
    if (end === -1) end = text.length;
    const line = text.slice(start, end);
    if (line.trim() !== "") return { start, line };
    pos = end;
  }
  return null;
}
function parseHeader(headerText) {
  const lines = headerText.split("\n");
  let title = null;
  const fields = /* @__PURE__ */ new Map();
  for (const line of lines) {
    if (title === null && line.startsWith("#")) {
      title = line.replace(/^#\s*/, "").trim();
      continue;
    }
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    if (!fields.has(key)) fields.set(key, line.slice(colon + 1).trim());
  }
  const topic = fields.get("topic") ?? null;
  return {
    lines,
    title: (title ?? topic ?? "").replace(/\s+—\s+Thread$/, ""),
    topic,
    status: fields.get("status") ?? "OPEN",
    ball: fields.get("ball") ?? "",
    created: fields.get("created") ?? fields.get("updated") ?? null
  };
}
function findEntryLines(text, from) {
  const found = [];
  let fence = null;
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < from; i = text.indexOf("\n", i + 1)) line++;
  let pos = from;
  while (pos <= text.length) {
    let end = text.indexOf("\n", pos);
    if (end === -1) end = text.length;
    let first = pos;
    while (first < end && (text.charCodeAt(first) === CHAR_SPACE || text.charCodeAt(first) === CHAR_TAB))
      first++;
    const code = text.charCodeAt(first);
    if (code === CHAR_BACKTICK || code === CHAR_TILDE) {
      fence = stepFence(fence, text.slice(pos, end), line).open;
    } else if (code === CHAR_E && fence === null) {
      const match = ENTRY_LINE.exec(text.slice(pos, end));
      if (match?.[1] !== void 0 && match[2] !== void 0) {
        found.push({ lineStart: pos, lineEnd: end, line, agent: match[1], timestamp: match[2] });
      }
    }
    if (end === text.length) break;
    pos = end + 1;
    line++;
  }
  return found;
}
function buildEntry(text, mark, index, next) {
  const start = separatorBefore(text, mark.lineStart);
  const spanEnd = next === void 0 ? text.length : separatorBefore(text, next.lineStart);
  const end = trimEndOffset(text, mark.lineEnd, spanEnd);
  const fields = /* @__PURE__ */ new Map();
  let pos = mark.lineEnd + 1;
  while (pos < end) {
    let lineEnd = text.indexOf("\n", pos);
    if (lineEnd === -1 || lineEnd > end) lineEnd = end;
    const line = text.slice(pos, lineEnd);
    if (line.trim() === "") break;
    const colon = line.indexOf(":");
    if (colon > 0) {
      const key = line.slice(0, colon).trim().toLowerCase();
      if (!fields.has(key)) fields.set(key, line.slice(colon + 1).trim());
    }
    pos = lineEnd + 1;
  }
  const blankEnd = text.indexOf("\n", pos);
  let body = pos < end && blankEnd !== -1 && blankEnd < end ? text.slice(blankEnd + 1, end) : "";
  let entryId;
  const lastBreak = body.lastIndexOf("\n");
  const closing = ENTRY_ID.exec(body.slice(lastBreak + 1));
  if (closing?.[1] !== void 0) {
    entryId = closing[1];
    body = body.slice(0, Math.max(lastBreak, 0));
  } else {
    entryId = ENTRY_ID.exec(text.slice(mark.lineEnd, end))?.[1] ?? null;
  }
  return {
    index,
    agent: mark.agent,
    timestamp: mark.timestamp,
    role: fields.get("role") ?? null,
    type: fields.get("type") ?? null,
    title: fields.get("title") ?? null,
    body: body.replace(/\s+$/, ""),
    entryId,
    line: mark.line,
    start,
    end
  };
}
function separatorBefore(text, lineStart) {
  let end = lineStart - 1;
  while (end > 0) {
    const prevStart = text.lastIndexOf("\n", end - 1) + 1;
    const line = text.slice(prevStart, end).trim();
    if (line === "---") return prevStart;
    if (line !== "") return lineStart;
    end = prevStart - 1;
  }
  return lineStart;
}
function trimEndOffset(text, min, end) {
  let i = end;
  while (i > min) {
    const c = text.charCodeAt(i - 1);
    if (c !== 10 && c !== 32 && c !== 9 && c !== 13) break;
    i--;
  }
  return i;
}
var TIMESTAMP, ENTRY_LINE, ENTRY_ID, CHAR_E, CHAR_BACKTICK, CHAR_TILDE, CHAR_SPACE, CHAR_TAB, HEADER_KEY;
var init_parse = __esm({
  "core/thread/parse.ts"() {
    init_fence();
    TIMESTAMP = String.raw`\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})`;
    ENTRY_LINE = new RegExp(String.raw`^\s*Entry:\s*(.+?)\s+(${TIMESTAMP})\s*$`);
    ENTRY_ID = /<!--\s*Entry-ID:\s*([A-Za-z0-9_.:-]+)\s*-->/i;
    CHAR_E = 69;
    CHAR_BACKTICK = 96;
    CHAR_TILDE = 126;
    CHAR_SPACE = 32;
    CHAR_TAB = 9;
    HEADER_KEY = /^(status|ball|topic|created|updated|title|priority):/i;
  }
});

// core/agents.ts
function splitAgent(agent) {
  const match = TAGGED.exec(agent.trim());
  if (match?.[1] !== void 0 && match[2] !== void 0) {
    return { base: match[1].trim(), user: match[2].trim() };
  }
  return { base: agent.trim(), user: null };
}
function agentNameProblem(agent) {
  if (agent.trim() === "") return "The agent name is empty.";
  if (/[\r\n]/.test(agent)) return "An agent name is one line.";
  const { base } = splitAgent(agent);
  if (/[()]/.test(base))
    return `The agent name "${agent}" has "(" or ")" outside its trailing "(user)".`;
  if (/\d{4}-\d{2}-\d{2}T/.test(agent))
    return `The agent name "${agent}" looks like it holds a timestamp.`;
  return null;
}
var TAGGED;
var init_agents = __esm({
  "core/agents.ts"() {
    TAGGED = /^(.*?)\s*\(([^()]+)\)\s*$/;
  }
});

// node_modules/ulid/dist/node/index.js
import crypto2 from "node:crypto";
function randomChar(prng) {
  const randomPosition = Math.floor(prng() * ENCODING_LEN) % ENCODING_LEN;
  return ENCODING.charAt(randomPosition);
}
function replaceCharAt(str, index, char) {
  if (index > str.length - 1) {
    return str;
  }
  return str.substr(0, index) + char + str.substr(index + 1);
}
function incrementBase32(str) {
  let done = void 0, index = str.length, char, charIndex, output = str;
  const maxCharIndex = ENCODING_LEN - 1;
  while (!done && index-- >= 0) {
    char = output[index];
    charIndex = ENCODING.indexOf(char);
    if (charIndex === -1) {
      throw new ULIDError(ULIDErrorCode.Base32IncorrectEncoding, "Incorrectly encoded string");
    }
    if (charIndex === maxCharIndex) {
      output = replaceCharAt(output, index, ENCODING[0]);
      continue;
    }
    done = replaceCharAt(output, index, ENCODING[charIndex + 1]);
  }
  if (typeof done === "string") {
    return done;
  }
  throw new ULIDError(ULIDErrorCode.Base32IncorrectEncoding, "Failed incrementing string");
}
function detectPRNG(root) {
  const rootLookup = detectRoot();
  const globalCrypto = rootLookup && (rootLookup.crypto || rootLookup.msCrypto) || (typeof crypto2 !== "undefined" ? crypto2 : null);
  if (typeof globalCrypto?.getRandomValues === "function") {
    return () => {
      const buffer = new Uint8Array(1);
      globalCrypto.getRandomValues(buffer);
      return buffer[0] / 256;
    };
  } else if (typeof globalCrypto?.randomBytes === "function") {
    return () => globalCrypto.randomBytes(1).readUInt8() / 256;
  } else if (crypto2?.randomBytes) {
    return () => crypto2.randomBytes(1).readUInt8() / 256;
  }
  throw new ULIDError(ULIDErrorCode.PRNGDetectFailure, "Failed to find a reliable PRNG");
}
function detectRoot() {
  if (inWebWorker())
    return self;
  if (typeof window !== "undefined") {
    return window;
  }
  if (typeof global !== "undefined") {
    return global;
  }
  if (typeof globalThis !== "undefined") {
    return globalThis;
  }
  return null;
}
function encodeRandom(len, prng) {
  let str = "";
  for (; len > 0; len--) {
    str = randomChar(prng) + str;
  }
  return str;
}
function encodeTime(now, len = TIME_LEN) {
  if (isNaN(now)) {
    throw new ULIDError(ULIDErrorCode.EncodeTimeValueMalformed, `Time must be a number: ${now}`);
  } else if (now > TIME_MAX) {
    throw new ULIDError(ULIDErrorCode.EncodeTimeSizeExceeded, `Cannot encode a time larger than ${TIME_MAX}: ${now}`);
  } else if (now < 0) {
    throw new ULIDError(ULIDErrorCode.EncodeTimeNegative, `Time must be positive: ${now}`);
  } else if (Number.isInteger(now) === false) {
    throw new ULIDError(ULIDErrorCode.EncodeTimeValueMalformed, `Time must be an integer: ${now}`);
  }
  let mod, str = "";
  for (let currentLen = len; currentLen > 0; currentLen--) {
    mod = now % ENCODING_LEN;
    str = ENCODING.charAt(mod) + str;
    now = (now - mod) / ENCODING_LEN;
  }
  return str;
}
function inWebWorker() {
  return typeof WorkerGlobalScope !== "undefined" && self instanceof WorkerGlobalScope;
}
function monotonicFactory(prng) {
  const currentPRNG = prng || detectPRNG();
  let lastTime = 0, lastRandom;
  return function _ulid2(seedTime) {
    const seed = !seedTime || isNaN(seedTime) ? Date.now() : seedTime;
    if (seed <= lastTime) {
      const incrementedRandom = lastRandom = incrementBase32(lastRandom);
      return encodeTime(lastTime, TIME_LEN) + incrementedRandom;
    }
    lastTime = seed;
    const newRandom = lastRandom = encodeRandom(RANDOM_LEN, currentPRNG);
    return encodeTime(seed, TIME_LEN) + newRandom;
  };
}
var ENCODING, ENCODING_LEN, RANDOM_LEN, TIME_LEN, TIME_MAX, ULIDErrorCode, ULIDError;
var init_node = __esm({
  "node_modules/ulid/dist/node/index.js"() {
    ENCODING = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    ENCODING_LEN = 32;
    RANDOM_LEN = 16;
    TIME_LEN = 10;
    TIME_MAX = 281474976710655;
    (function(ULIDErrorCode2) {
      ULIDErrorCode2["Base32IncorrectEncoding"] = "B32_ENC_INVALID";
      ULIDErrorCode2["DecodeTimeInvalidCharacter"] = "DEC_TIME_CHAR";
      ULIDErrorCode2["DecodeTimeValueMalformed"] = "DEC_TIME_MALFORMED";
      ULIDErrorCode2["EncodeTimeNegative"] = "ENC_TIME_NEG";
      ULIDErrorCode2["EncodeTimeSizeExceeded"] = "ENC_TIME_SIZE_EXCEED";
      ULIDErrorCode2["EncodeTimeValueMalformed"] = "ENC_TIME_MALFORMED";
      ULIDErrorCode2["PRNGDetectFailure"] = "PRNG_DETECT";
      ULIDErrorCode2["ULIDInvalid"] = "ULID_INVALID";
      ULIDErrorCode2["Unexpected"] = "UNEXPECTED";
      ULIDErrorCode2["UUIDInvalid"] = "UUID_INVALID";
    })(ULIDErrorCode || (ULIDErrorCode = {}));
    ULIDError = class extends Error {
      constructor(errorCode, message) {
        super(`${message} (${errorCode})`);
        this.name = "ULIDError";
        this.code = errorCode;
      }
    };
  }
});

// core/thread/entry.ts
function isEntryId(value) {
  return ULID_PATTERN.test(value);
}
function topicFileStem(topic) {
  const hint = 'Name the thread with letters, digits, "-", "_" or "." (for example auth-refactor).';
  if (topic.trim() === "")
    throw new WatercoolerError("INVALID_TOPIC", "The topic is empty.", { hint });
  if (/[/\\\0]/.test(topic) || topic.includes("..") || topic.startsWith(".")) {
    throw new WatercoolerError(
      "INVALID_TOPIC",
      `The topic "${topic.replace(/\0/g, "\\0")}" could name a path outside the threads folder.`,
      { hint }
    );
  }
  if (/[\r\n]/.test(topic))
    throw new WatercoolerError("INVALID_TOPIC", "A topic is one line.", { hint });
  const stem = topic.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^[-._]+|[-._]+$/g, "");
  if (stem === "" || stem === "index" || WINDOWS_RESERVED.test(stem)) {
    throw new WatercoolerError(
      "INVALID_TOPIC",
      `The topic "${topic}" does not make a usable file name.`,
      { hint }
    );
  }
  return stem;
}
var ROLES, ENTRY_TYPES, STATUSES, ULID_PATTERN, nextUlid, WINDOWS_RESERVED;
var init_entry = __esm({
  "core/thread/entry.ts"() {
    init_node();
    init_errors();
    ROLES = ["planner", "critic", "implementer", "tester", "pm", "scribe"];
    ENTRY_TYPES = ["Note", "Plan", "Decision", "PR", "Closure"];
    STATUSES = [
      "OPEN",
      "IN_REVIEW",
      "BLOCKED",
      "CLOSED",
      "MERGED",
      "RESOLVED",
      "ABANDONED",
      "OBSOLETE"
    ];
    ULID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;
    nextUlid = monotonicFactory();
    WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;
  }
});

// node_modules/zod/v4/core/util.js
function jsonStringifyReplacer(_, value) {
  if (typeof value === "bigint")
    return value.toString();
  return value;
}
function cached(getter) {
  return new Cached(getter);
}
function nullish(input) {
  return input === null || input === void 0;
}
function cleanRegex(source) {
  const start = source.startsWith("^") ? 1 : 0;
  const end = source.endsWith("$") ? source.length - 1 : source.length;
  return source.slice(start, end);
}
function assignProp(target, prop, value) {
  Object.defineProperty(target, prop, {
    value,
    writable: true,
    enumerable: true,
    configurable: true
  });
}
function rawShape(def) {
  const desc = Object.getOwnPropertyDescriptor(def, "shape");
  return desc?.get ? desc.get.raw : desc?.value;
}
function sourceShape(schema) {
  return rawShape(schema._zod.def) ?? schema._zod.def.shape;
}
function deferProp(target, key, getter) {
  Object.defineProperty(target, key, {
    get() {
      const value = getter();
      assignProp(this, key, value);
      return value;
    },
    enumerable: true,
    configurable: true
  });
}
function putProp(target, key, value) {
  if (key in target)
    assignProp(target, key, value);
  else
    target[key] = value;
}
function mirrorShape(target, source, keys, wrap) {
  const raw = sourceShape(source);
  for (const key of keys) {
    const desc = Object.getOwnPropertyDescriptor(raw, key);
    if (!desc.enumerable)
      continue;
    if (desc.get) {
      deferProp(target, key, () => {
        const value = source._zod.def.shape[key];
        return wrap ? wrap(value, key) : value;
      });
    } else
      putProp(target, key, wrap ? wrap(desc.value, key) : desc.value);
  }
}
function mergeDefs(...defs) {
  const mergedDescriptors = {};
  for (const def of defs) {
    const descriptors = Object.getOwnPropertyDescriptors(def);
    Object.assign(mergedDescriptors, descriptors);
  }
  return Object.defineProperties({}, mergedDescriptors);
}
function isObject(data) {
  return typeof data === "object" && data !== null && !Array.isArray(data);
}
function isPlainObject(o) {
  if (isObject(o) === false)
    return false;
  const ctor = o.constructor;
  if (ctor === void 0)
    return true;
  if (typeof ctor !== "function")
    return true;
  const prot = ctor.prototype;
  if (isObject(prot) === false)
    return false;
  if (Object.prototype.hasOwnProperty.call(prot, "isPrototypeOf") === false) {
    return false;
  }
  return true;
}
function shallowClone(o) {
  if (isPlainObject(o))
    return { ...o };
  if (Array.isArray(o))
    return [...o];
  if (o instanceof Map)
    return new Map(o);
  if (o instanceof Set)
    return new Set(o);
  return o;
}
function clone(inst, def, params) {
  const cl = new inst._zod.constr(def ?? inst._zod.def);
  if (!def || params?.parent)
    cl._zod.parent = inst;
  return cl;
}
function normalizeParams(_params) {
  const params = _params;
  if (!params)
    return {};
  if (typeof params === "string")
    return { error: () => params };
  if (params?.message !== void 0) {
    if (params?.error !== void 0)
      throw new Error("Cannot specify both `message` and `error` params");
    params.error = params.message;
  }
  delete params.message;
  if (typeof params.error === "string")
    return { ...params, error: () => params.error };
  return params;
}
function optionalKeys(shape) {
  return Object.keys(shape).filter((k) => {
    return shape[k]._zod.optin !== void 0 && shape[k]._zod.optout === "optional";
  });
}
function maskedKeys(schema, mask2) {
  const raw = sourceShape(schema);
  const keys = [];
  for (const key of Reflect.ownKeys(mask2)) {
    if (!Object.getOwnPropertyDescriptor(raw, key)?.enumerable) {
      throw new Error(`Unrecognized key: "${String(key)}"`);
    }
    if (mask2[key])
      keys.push(key);
  }
  return keys;
}
function partial(Class, schema, mask2, name = "partial") {
  const currDef = schema._zod.def;
  const checks = currDef.checks;
  const hasChecks = checks && checks.length > 0;
  if (hasChecks) {
    throw new Error(`.${name}() cannot be used on object schemas containing refinements`);
  }
  const selected = mask2 ? new Set(maskedKeys(schema, mask2)) : void 0;
  const newShape = {};
  mirrorShape(newShape, schema, Reflect.ownKeys(sourceShape(schema)), Class && ((value, key) => selected && !selected.has(key) ? value : new Class({ type: "optional", innerType: value })));
  return clone(schema, mergeDefs(schema._zod.def, { shape: newShape, checks: [] }));
}
function aborted(x, startIndex = 0) {
  if (x.aborted === true)
    return true;
  for (let i = startIndex; i < x.issues.length; i++) {
    if (x.issues[i]?.continue !== true) {
      return true;
    }
  }
  return false;
}
function explicitlyAborted(x, startIndex = 0) {
  if (x.aborted === true)
    return true;
  for (let i = startIndex; i < x.issues.length; i++) {
    if (x.issues[i]?.continue === false) {
      return true;
    }
  }
  return false;
}
function prefixIssues(path, issues) {
  return issues.map((iss) => {
    var _a3;
    (_a3 = iss).path ?? (_a3.path = []);
    iss.path.unshift(path);
    return iss;
  });
}
function unwrapMessage(message) {
  return typeof message === "string" ? message : message?.message;
}
function attachSchema(issues, start, inst) {
  var _a3;
  for (let i = start; i < issues.length; i++) {
    (_a3 = issues[i]).schema ?? (_a3.schema = inst);
  }
}
function finalizeIssue(iss, ctx, config2) {
  var _a3;
  const traits = iss.inst?._zod?.traits;
  if (traits?.has("$ZodType")) {
    if (traits.has("$ZodCheck"))
      (_a3 = iss).schema ?? (_a3.schema = iss.inst);
    else
      iss.schema = iss.inst;
  }
  const schemaError = iss.schema !== iss.inst ? iss.schema?._zod.def?.error : void 0;
  const message = iss.message ? iss.message : unwrapMessage(iss.inst?._zod.def?.error?.(iss)) ?? unwrapMessage(schemaError?.(iss)) ?? unwrapMessage(ctx?.error?.(iss)) ?? unwrapMessage(config2.customError?.(iss)) ?? unwrapMessage(config2.localeError?.(iss)) ?? "Invalid input";
  const full = {};
  for (const k of Object.keys(iss)) {
    if (k === "inst" || k === "schema" || k === "continue" || k === "input" || k === "__proto__")
      continue;
    full[k] = iss[k];
  }
  full.path ?? (full.path = []);
  full.message = message;
  if (ctx?.reportInput) {
    full.input = iss.input;
  }
  return full;
}
function codePointLength(str) {
  const units = str.length;
  if (!highSurrogate.test(str))
    return units;
  let count = units;
  for (let i = 0; i < units - 1; i++) {
    if ((str.charCodeAt(i) & 64512) === 55296 && (str.charCodeAt(i + 1) & 64512) === 56320) {
      count--;
      i++;
    }
  }
  return count;
}
function getLengthableOrigin(input) {
  if (Array.isArray(input))
    return "array";
  if (typeof input === "string")
    return "string";
  return "unknown";
}
function members(proto, table) {
  for (const key in table) {
    const desc = Object.getOwnPropertyDescriptor(table, key);
    if (desc.get)
      Object.defineProperty(proto, key, { ...desc, enumerable: false });
    else
      defineBound(proto, key, desc.value);
  }
}
function own(inst, key, value, enumerable = true) {
  Object.defineProperty(inst, key, { configurable: true, writable: true, enumerable, value });
  return value;
}
function hide(inst, key, value) {
  return own(inst, key, value, false);
}
function defineBound(proto, key, fn) {
  Object.defineProperty(proto, key, {
    configurable: true,
    get() {
      return this == null ? fn : own(this, key, fn.bind(this));
    },
    set(value) {
      own(this, key, value);
    }
  });
}
function claim(inst, sentinel) {
  const proto = Object.getPrototypeOf(inst);
  return sentinel in proto ? void 0 : proto;
}
function defineLazyInternal(inst, key, compute) {
  const proto = Object.getPrototypeOf(inst._zod);
  if (key in proto && installing !== inst._zod) {
    installing = void 0;
    return;
  }
  installing = inst._zod;
  Object.defineProperty(proto, key, {
    configurable: true,
    get() {
      Object.defineProperty(this, key, breaker);
      const outer = broke;
      broke = false;
      try {
        const value = compute(this);
        if (broke)
          delete this[key];
        else
          Object.defineProperty(this, key, { configurable: true, writable: true, value });
        broke = broke || outer;
        return value;
      } catch (err) {
        delete this[key];
        broke = broke || outer;
        throw err;
      }
    },
    set(value) {
      Object.defineProperty(this, key, { configurable: true, writable: true, value });
    }
  });
}
function installLazyProp(inst, key, make, enumerable) {
  const proto = claim(inst, key);
  if (!proto)
    return;
  Object.defineProperty(proto, key, {
    configurable: true,
    get() {
      const desc = { configurable: true, writable: true, enumerable, value: void 0 };
      Object.defineProperty(this, key, desc);
      desc.value = make(this);
      Object.defineProperty(this, key, desc);
      return desc.value;
    },
    set(value) {
      Object.defineProperty(this, key, { configurable: true, writable: true, enumerable, value });
    }
  });
}
var Cached, captureStackTrace, NUMBER_FORMAT_RANGES, highSurrogate, installing, broke, breaker;
var init_util = __esm({
  "node_modules/zod/v4/core/util.js"() {
    Cached = class {
      constructor(getter) {
        this._getter = getter;
        this._value = void 0;
      }
      get value() {
        const getter = this._getter;
        if (getter !== void 0) {
          this._value = getter();
          this._getter = void 0;
        }
        return this._value;
      }
    };
    captureStackTrace = "captureStackTrace" in Error ? Error.captureStackTrace : (..._args) => {
    };
    NUMBER_FORMAT_RANGES = /* @__PURE__ */ (() => ({
      safeint: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
      int32: [-2147483648, 2147483647],
      uint32: [0, 4294967295],
      float32: [-34028234663852886e22, 34028234663852886e22],
      float64: [-Number.MAX_VALUE, Number.MAX_VALUE]
    }))();
    highSurrogate = /[\uD800-\uDBFF]/;
    broke = false;
    breaker = {
      configurable: true,
      get() {
        broke = true;
        return void 0;
      }
    };
  }
});

// node_modules/zod/v4/core/core.js
function newError(Definition) {
  const E = _E;
  if (E) {
    const saved = E.stackTraceLimit;
    if (typeof saved === "number") {
      try {
        E.stackTraceLimit = 0;
      } catch {
        _E = null;
        return new Definition();
      }
      try {
        return new Definition();
      } finally {
        E.stackTraceLimit = saved;
      }
    }
  }
  return new Definition();
}
// @__NO_SIDE_EFFECTS__
function $constructor(name, initializer2, proto, params) {
  const zodProto = {};
  function Internals(def) {
    this.def = def;
    this.constr = _;
    this.traits = /* @__PURE__ */ new Set();
  }
  Internals.prototype = zodProto;
  const protoMembers = proto;
  const initialized = protoMembers && /* @__PURE__ */ new WeakSet();
  function init(inst, def) {
    if (!inst._zod) {
      _zodDesc.value = new Internals(def);
      try {
        Object.defineProperty(inst, "_zod", _zodDesc);
      } finally {
        _zodDesc.value = void 0;
      }
    } else if (inst._zod.traits.has(name)) {
      return;
    }
    inst._zod.traits.add(name);
    initializer2(inst, def);
    if (initialized) {
      const own2 = Object.getPrototypeOf(inst);
      const ctorProto = inst._zod.constr.prototype;
      let up = own2;
      while (up && up !== ctorProto)
        up = Object.getPrototypeOf(up);
      const target = up ?? own2;
      if (!initialized.has(target)) {
        initialized.add(target);
        members(target, protoMembers);
      }
    }
    const proto2 = _.prototype;
    for (const k in proto2) {
      if (!Object.prototype.hasOwnProperty.call(proto2, k))
        continue;
      if (!(k in inst)) {
        inst[k] = proto2[k].bind(inst);
      }
    }
  }
  const Parent = params?.Parent ?? Object;
  class Definition extends Parent {
  }
  Object.defineProperty(Definition, "name", { value: name });
  function _(def) {
    const inst = params?.Parent ? newError(Definition) : this;
    init(inst, def);
    const deferred = inst._zod.deferred;
    if (deferred) {
      for (const fn of deferred) {
        fn();
      }
      inst._zod.deferred = void 0;
    }
    const pp = globalThis.__zod_globalConfig?.postProcessor;
    if (pp)
      pp(inst);
    return inst;
  }
  Object.defineProperty(_, "init", { value: init });
  Object.defineProperty(_, Symbol.hasInstance, {
    value: (inst) => {
      if (params?.Parent && inst instanceof params.Parent)
        return true;
      return inst?._zod?.traits?.has(name);
    }
  });
  Object.defineProperty(_, "name", { value: name });
  return _;
}
function config(newConfig) {
  if (newConfig)
    Object.assign(globalConfig, newConfig);
  return globalConfig;
}
var _a, _zodDesc, _E, $ZodAsyncError, globalConfig;
var init_core = __esm({
  "node_modules/zod/v4/core/core.js"() {
    init_util();
    _zodDesc = { value: void 0, enumerable: false };
    _E = "captureStackTrace" in Error ? Error : null;
    $ZodAsyncError = class extends Error {
      constructor() {
        super(`Encountered Promise during synchronous parse. Use .parseAsync() instead.`);
      }
    };
    (_a = globalThis).__zod_globalConfig ?? (_a.__zod_globalConfig = {});
    globalConfig = globalThis.__zod_globalConfig;
  }
});

// node_modules/zod/v4/core/errors.js
function _getMessage() {
  const internals = this._zod;
  internals.message ?? (internals.message = JSON.stringify(internals.def, jsonStringifyReplacer, 2));
  return internals.message;
}
function _setMessage(value) {
  this._zod.message = value;
}
var _messageDesc, _issuesDesc, _installedToString, initializer, $ZodError, $ZodRealError;
var init_errors2 = __esm({
  "node_modules/zod/v4/core/errors.js"() {
    init_core();
    init_util();
    _messageDesc = {
      get: _getMessage,
      set: _setMessage,
      enumerable: true,
      configurable: true
    };
    _issuesDesc = { value: void 0, enumerable: false };
    _installedToString = /* @__PURE__ */ new WeakSet([Object.prototype, Error.prototype]);
    initializer = (inst, def) => {
      inst.name = "$ZodError";
      _issuesDesc.value = def;
      Object.defineProperty(inst, "issues", _issuesDesc);
      _issuesDesc.value = void 0;
      Object.defineProperty(inst, "message", _messageDesc);
      const proto = Object.getPrototypeOf(inst);
      if (!_installedToString.has(proto)) {
        _installedToString.add(proto);
        Object.defineProperty(proto, "toString", {
          configurable: true,
          enumerable: false,
          get() {
            const value = () => this.message;
            Object.defineProperty(this, "toString", { value, configurable: true, writable: true });
            return value;
          },
          set(value) {
            Object.defineProperty(this, "toString", { value, configurable: true, writable: true });
          }
        });
      }
    };
    $ZodError = $constructor("$ZodError", initializer);
    $ZodRealError = $constructor("$ZodError", initializer, void 0, {
      Parent: Error
    });
  }
});

// node_modules/zod/v4/core/parse.js
function failure(Err, issues, ctx) {
  let error2;
  return {
    success: false,
    get error() {
      if (!error2) {
        error2 = new Err(issues.map((iss) => finalizeIssue(iss, ctx, config())));
        issues = void 0;
        ctx = void 0;
      }
      return error2;
    },
    set error(e) {
      error2 = e;
      issues = void 0;
      ctx = void 0;
    }
  };
}
var _parse, parse, _parseAsync, parseAsync, _safeParse, safeParse, _safeParseAsync, safeParseAsync;
var init_parse2 = __esm({
  "node_modules/zod/v4/core/parse.js"() {
    init_core();
    init_errors2();
    init_util();
    _parse = (_Err) => {
      const fn = (schema, value, _ctx, _params) => {
        const ctx = _ctx ? { ..._ctx, async: false } : { async: false };
        const result = schema._zod.run({ value, issues: [] }, ctx);
        if (result instanceof Promise) {
          throw new $ZodAsyncError();
        }
        if (result.issues.length) {
          const e = new (_params?.Err ?? _Err)(result.issues.map((iss) => finalizeIssue(iss, ctx, config())));
          captureStackTrace(e, _params?.callee ?? fn);
          throw e;
        }
        return result.value;
      };
      return fn;
    };
    parse = /* @__PURE__ */ _parse($ZodRealError);
    _parseAsync = (_Err) => {
      const fn = async (schema, value, _ctx, params) => {
        const ctx = _ctx ? { ..._ctx, async: true } : { async: true };
        let result = schema._zod.run({ value, issues: [] }, ctx);
        if (result instanceof Promise)
          result = await result;
        if (result.issues.length) {
          const e = new (params?.Err ?? _Err)(result.issues.map((iss) => finalizeIssue(iss, ctx, config())));
          captureStackTrace(e, params?.callee ?? fn);
          throw e;
        }
        return result.value;
      };
      return fn;
    };
    parseAsync = /* @__PURE__ */ _parseAsync($ZodRealError);
    _safeParse = (_Err) => (schema, value, _ctx) => {
      const ctx = _ctx ? { ..._ctx, async: false } : { async: false };
      const result = schema._zod.run({ value, issues: [] }, ctx);
      if (result instanceof Promise) {
        throw new $ZodAsyncError();
      }
      return result.issues.length ? failure(_Err, result.issues, ctx) : { success: true, data: result.value };
    };
    safeParse = /* @__PURE__ */ _safeParse($ZodRealError);
    _safeParseAsync = (_Err) => async (schema, value, _ctx) => {
      const ctx = _ctx ? { ..._ctx, async: true } : { async: true };
      let result = schema._zod.run({ value, issues: [] }, ctx);
      if (result instanceof Promise)
        result = await result;
      return result.issues.length ? failure(_Err, result.issues, ctx) : { success: true, data: result.value };
    };
    safeParseAsync = /* @__PURE__ */ _safeParseAsync($ZodRealError);
  }
});

// node_modules/zod/v4/core/regexes.js
var anyString, number;
var init_regexes = __esm({
  "node_modules/zod/v4/core/regexes.js"() {
    anyString = /^[\s\S]{0,}$/;
    number = /^-?\d+(?:\.\d+)?$/;
  }
});

// node_modules/zod/v4/core/checks.js
var $ZodCheck, _whenHasLength, numericOriginMap, $ZodCheckGreaterThan, $ZodCheckNumberFormat, $ZodCheckMinLength;
var init_checks = __esm({
  "node_modules/zod/v4/core/checks.js"() {
    init_core();
    init_util();
    $ZodCheck = /* @__PURE__ */ $constructor("$ZodCheck", (inst, def) => {
      var _a3;
      inst._zod ?? (inst._zod = {});
      inst._zod.def = def;
      (_a3 = inst._zod).onattach ?? (_a3.onattach = []);
    });
    _whenHasLength = (payload) => {
      const val = payload.value;
      return !nullish(val) && val.length !== void 0;
    };
    numericOriginMap = {
      number: "number",
      bigint: "bigint",
      object: "date"
    };
    $ZodCheckGreaterThan = /* @__PURE__ */ $constructor("$ZodCheckGreaterThan", (inst, def) => {
      $ZodCheck.init(inst, def);
      const origin = numericOriginMap[typeof def.value];
      inst._zod.check = (payload) => {
        if (def.inclusive ? payload.value >= def.value : payload.value > def.value) {
          return;
        }
        payload.issues.push({
          origin: numericOriginMap[typeof payload.value] ?? origin,
          code: "too_small",
          minimum: typeof def.value === "object" ? def.value.getTime() : def.value,
          input: payload.value,
          inclusive: def.inclusive,
          inst,
          continue: !def.abort
        });
      };
    });
    $ZodCheckNumberFormat = /* @__PURE__ */ $constructor("$ZodCheckNumberFormat", (inst, def) => {
      $ZodCheck.init(inst, def);
      def.format = def.format || "float64";
      const isInt = def.format?.includes("int");
      const origin = isInt ? "int" : "number";
      const [minimum, maximum] = NUMBER_FORMAT_RANGES[def.format];
      inst._zod.check = (payload) => {
        const input = payload.value;
        if (isInt) {
          if (!Number.isInteger(input)) {
            payload.issues.push({
              expected: origin,
              format: def.format,
              code: "invalid_type",
              continue: false,
              input,
              inst
            });
            return;
          }
          if (!Number.isSafeInteger(input)) {
            if (input > 0) {
              payload.issues.push({
                input,
                code: "too_big",
                maximum: Number.MAX_SAFE_INTEGER,
                note: "Integers must be within the safe integer range.",
                inst,
                origin,
                inclusive: true,
                continue: !def.abort
              });
            } else {
              payload.issues.push({
                input,
                code: "too_small",
                minimum: Number.MIN_SAFE_INTEGER,
                note: "Integers must be within the safe integer range.",
                inst,
                origin,
                inclusive: true,
                continue: !def.abort
              });
            }
            return;
          }
        }
        if (input < minimum) {
          payload.issues.push({
            origin: "number",
            input,
            code: "too_small",
            minimum,
            inclusive: true,
            inst,
            continue: !def.abort
          });
        }
        if (input > maximum) {
          payload.issues.push({
            origin: "number",
            input,
            code: "too_big",
            maximum,
            inclusive: true,
            inst,
            continue: !def.abort
          });
        }
      };
    });
    $ZodCheckMinLength = /* @__PURE__ */ $constructor("$ZodCheckMinLength", (inst, def) => {
      var _a3;
      $ZodCheck.init(inst, def);
      (_a3 = inst._zod.def).when ?? (_a3.when = _whenHasLength);
      inst._zod.check = (payload) => {
        const input = payload.value;
        const units = input.length;
        const length = typeof input === "string" && units >= def.minimum && units < def.minimum * 2 ? codePointLength(input) : units;
        if (length >= def.minimum)
          return;
        const origin = getLengthableOrigin(input);
        payload.issues.push({
          origin,
          code: "too_small",
          minimum: def.minimum,
          inclusive: true,
          input,
          inst,
          continue: !def.abort
        });
      };
    });
  }
});

// node_modules/zod/v4/core/doc.js
var init_doc = __esm({
  "node_modules/zod/v4/core/doc.js"() {
  }
});

// node_modules/zod/v4/core/versions.js
var version;
var init_versions = __esm({
  "node_modules/zod/v4/core/versions.js"() {
    version = {
      major: 4,
      minor: 6,
      patch: 7
    };
  }
});

// node_modules/zod/v4/core/schemas.js
async function validateAsync(inst, value) {
  const ctx = { async: true };
  return toStandardResult(await inst._zod.run({ value, issues: [] }, ctx), ctx);
}
function standardProps(inst) {
  return {
    validate: (value) => {
      const ctx = { async: false };
      try {
        const r = inst._zod.run({ value, issues: [] }, ctx);
        if (!(r instanceof Promise))
          return toStandardResult(r, ctx);
      } catch (_) {
      }
      return validateAsync(inst, value);
    },
    vendor: "zod",
    version: 1
  };
}
function handlePropertyResult(result, final, key, input, optin, optout) {
  const isPresent = key in input;
  const isOptionalOut = optout === "optional";
  if (!isPresent && isOptionalOut && optin === "optional") {
    return;
  }
  if (result.issues.length) {
    if (optin !== void 0 && isOptionalOut && !isPresent) {
      return;
    }
    final.issues.push(...prefixIssues(key, result.issues));
  }
  if (!isPresent && optin === void 0) {
    if (!result.issues.length) {
      final.issues.push({
        code: "invalid_type",
        expected: "nonoptional",
        input: void 0,
        path: [key]
      });
    }
    return;
  }
  if (result.value === void 0) {
    if (isPresent || optin === "defaulted" && !isOptionalOut) {
      final.value[key] = void 0;
    }
  } else {
    final.value[key] = result.value;
  }
}
function normalizeDef(def) {
  const keys = Object.keys(def.shape);
  const ownSymbols = Object.getOwnPropertySymbols(def.shape);
  const symbolKeys = ownSymbols.length ? ownSymbols : NO_SYMBOL_KEYS;
  const allKeys = symbolKeys.length ? [...keys, ...symbolKeys] : keys;
  for (const k of allKeys) {
    if (!def.shape?.[k]?._zod?.traits?.has("$ZodType")) {
      throw new Error(`Invalid element at key "${String(k)}": expected a Zod schema`);
    }
  }
  const okeys = optionalKeys(def.shape);
  return {
    ...def,
    allKeys,
    symbolKeys,
    // string-only: handleCatchall matches it against `for...in`, which never yields a symbol
    keySet: new Set(keys),
    numKeys: keys.length,
    optionalKeys: new Set(okeys)
  };
}
function handleCatchall(proms, input, payload, ctx, def, inst, abortEarly) {
  const unrecognized = [];
  const keySet = def.keySet;
  const _catchall = def.catchall._zod;
  const t = _catchall.def.type;
  const optin = _catchall.optin;
  const optout = _catchall.optout;
  let seen = 0;
  for (const key in input) {
    if (abortEarly && payload.issues.length !== seen) {
      if (aborted(payload, seen))
        break;
      seen = payload.issues.length;
    }
    if (keySet.has(key))
      continue;
    if (key === "__proto__") {
      if (t === "never")
        unrecognized.push(key);
      continue;
    }
    if (t === "never") {
      unrecognized.push(key);
      continue;
    }
    const r = _catchall.run({ value: input[key], issues: [] }, ctx);
    if (r instanceof Promise) {
      proms.push(r.then((r2) => handlePropertyResult(r2, payload, key, input, optin, optout)));
    } else {
      handlePropertyResult(r, payload, key, input, optin, optout);
    }
  }
  if (unrecognized.length) {
    payload.issues.push({
      code: "unrecognized_keys",
      keys: unrecognized,
      input,
      inst,
      // Describes the shape of the input, not the validity of the parsed value, so it never aborts. The parse still fails; the schema's own checks just get to run first, and an enclosing intersection can reconcile the key against a sibling operand.
      continue: true
    });
  }
  if (!proms.length)
    return payload;
  return Promise.all(proms).then(() => {
    return payload;
  });
}
function handleOptionalResult(payload, result) {
  payload.value = result.issues.length ? void 0 : result.value;
  return payload;
}
function handleDefaultResult(payload, def) {
  if (payload.value === void 0) {
    payload.value = def.defaultValue;
  }
  return payload;
}
var $ZodType, toStandardResult, $ZodString, $ZodNumber, $ZodNumberFormat, $ZodUnknown, NO_SYMBOL_KEYS, $ZodObject, $ZodRecord, $ZodOptional, $ZodDefault;
var init_schemas = __esm({
  "node_modules/zod/v4/core/schemas.js"() {
    init_checks();
    init_core();
    init_regexes();
    init_util();
    init_versions();
    init_util();
    $ZodType = /* @__PURE__ */ $constructor("$ZodType", (inst, def) => {
      var _a3;
      inst ?? (inst = {});
      inst._zod.def = def;
      inst._zod.bag = inst._zod.bag || {};
      inst._zod.version = version;
      const defChecks = inst._zod.def.checks;
      const checks = inst._zod.traits.has("$ZodCheck") ? [inst, ...defChecks ?? []] : defChecks?.length ? [...defChecks] : [];
      for (const ch of checks) {
        for (const fn of ch._zod.onattach) {
          fn(inst);
        }
      }
      if (checks.length === 0) {
        (_a3 = inst._zod).deferred ?? (_a3.deferred = []);
        inst._zod.deferred?.push(() => {
          inst._zod.run = inst._zod.parse;
        });
      } else {
        const runChecks = (payload, checks2, ctx) => {
          if (payload.memo)
            return payload;
          let isAborted = aborted(payload);
          let asyncResult;
          for (const ch of checks2) {
            if (ch._zod.def.when) {
              if (explicitlyAborted(payload))
                continue;
              const shouldRun = ch._zod.def.when(payload);
              if (!shouldRun)
                continue;
            } else if (isAborted) {
              continue;
            }
            const currLen = payload.issues.length;
            const _ = ch._zod.check(payload);
            if (_ instanceof Promise && ctx?.async === false) {
              throw new $ZodAsyncError();
            }
            if (asyncResult || _ instanceof Promise) {
              asyncResult = (asyncResult ?? Promise.resolve()).then(async () => {
                await _;
                const nextLen = payload.issues.length;
                if (nextLen === currLen)
                  return;
                attachSchema(payload.issues, currLen, inst);
                if (!isAborted)
                  isAborted = aborted(payload, currLen);
              });
            } else {
              const nextLen = payload.issues.length;
              if (nextLen === currLen)
                continue;
              attachSchema(payload.issues, currLen, inst);
              if (!isAborted)
                isAborted = aborted(payload, currLen);
            }
          }
          if (asyncResult) {
            return asyncResult.then(() => {
              return payload;
            });
          }
          return payload;
        };
        const handleCanaryResult = (canary, payload, ctx) => {
          if (aborted(canary)) {
            canary.aborted = true;
            return canary;
          }
          const checkResult = runChecks(payload, checks, ctx);
          if (checkResult instanceof Promise) {
            if (ctx.async === false)
              throw new $ZodAsyncError();
            return checkResult.then((checkResult2) => inst._zod.parse(checkResult2, ctx));
          }
          return inst._zod.parse(checkResult, ctx);
        };
        inst._zod.run = (payload, ctx) => {
          if (ctx.skipChecks) {
            return inst._zod.parse(payload, ctx);
          }
          if (ctx.direction === "backward") {
            const canary = inst._zod.parse({ value: payload.value, issues: [] }, { ...ctx, skipChecks: true });
            if (canary instanceof Promise) {
              return canary.then((canary2) => {
                return handleCanaryResult(canary2, payload, ctx);
              });
            }
            return handleCanaryResult(canary, payload, ctx);
          }
          const result = inst._zod.parse(payload, ctx);
          if (result instanceof Promise) {
            if (ctx.async === false)
              throw new $ZodAsyncError();
            return result.then((result2) => runChecks(result2, checks, ctx));
          }
          return runChecks(result, checks, ctx);
        };
      }
    }, {
      // Wrappers extend this by installing a richer factory over it; reading it eagerly would defeat the laziness.
      get "~standard"() {
        return hide(this, "~standard", standardProps(this));
      },
      set "~standard"(value) {
        own(this, "~standard", value);
      }
    });
    toStandardResult = (r, ctx) => r.issues.length ? { issues: r.issues.map((iss) => finalizeIssue(iss, ctx, config())) } : { value: r.value };
    $ZodString = /* @__PURE__ */ $constructor("$ZodString", (inst, def) => {
      $ZodType.init(inst, def);
      inst._zod.pattern = def.pattern ?? anyString;
      inst._zod.parse = (payload, _) => {
        if (def.coerce)
          try {
            payload.value = String(payload.value);
          } catch (_2) {
          }
        if (typeof payload.value === "string")
          return payload;
        payload.issues.push({
          expected: "string",
          code: "invalid_type",
          input: payload.value,
          inst
        });
        return payload;
      };
    });
    $ZodNumber = /* @__PURE__ */ $constructor("$ZodNumber", (inst, def) => {
      $ZodType.init(inst, def);
      inst._zod.pattern = number;
      inst._zod.parse = (payload, _ctx) => {
        if (def.coerce)
          try {
            payload.value = Number(payload.value);
          } catch (_) {
          }
        const input = payload.value;
        if (typeof input === "number" && !Number.isNaN(input) && Number.isFinite(input)) {
          return payload;
        }
        const received = typeof input === "number" ? Number.isNaN(input) ? "NaN" : !Number.isFinite(input) ? String(input) : void 0 : void 0;
        payload.issues.push({
          expected: "number",
          code: "invalid_type",
          input,
          inst,
          ...received ? { received } : {}
        });
        return payload;
      };
    });
    $ZodNumberFormat = /* @__PURE__ */ $constructor("$ZodNumberFormat", (inst, def) => {
      $ZodCheckNumberFormat.init(inst, def);
      $ZodNumber.init(inst, def);
    });
    $ZodUnknown = /* @__PURE__ */ $constructor("$ZodUnknown", (inst, def) => {
      $ZodType.init(inst, def);
      inst._zod.parse = (payload) => payload;
    });
    NO_SYMBOL_KEYS = [];
    $ZodObject = /* @__PURE__ */ $constructor("$ZodObject", (inst, def) => {
      $ZodType.init(inst, def);
      const desc = Object.getOwnPropertyDescriptor(def, "shape");
      const sh = desc?.get ? desc.get.raw : def.shape ?? {};
      if (sh) {
        const get = () => {
          const newSh = { ...sh };
          Object.defineProperty(def, "shape", { value: newSh });
          get.raw = newSh;
          return newSh;
        };
        get.raw = sh;
        Object.defineProperty(def, "shape", { get });
      }
      const _normalized = cached(() => normalizeDef(def));
      defineLazyInternal(inst, "propValues", (zod) => {
        const shape = zod.def.shape;
        const propValues = {};
        for (const key in shape) {
          const field = shape[key]._zod;
          if (field.values) {
            if (!Object.prototype.hasOwnProperty.call(propValues, key)) {
              assignProp(propValues, key, /* @__PURE__ */ new Set());
            }
            for (const v of field.values)
              propValues[key].add(v);
            if (field.optin !== void 0)
              propValues[key].add(void 0);
          }
        }
        return propValues;
      });
      const isObject2 = isObject;
      const catchall = def.catchall;
      let value;
      const memo = globalConfig.memoizer;
      memo?.attach(inst);
      inst._zod.parse = (payload, ctx) => {
        value ?? (value = _normalized.value);
        const input = payload.value;
        if (!isObject2(input)) {
          payload.issues.push({
            expected: "object",
            code: "invalid_type",
            input,
            inst
          });
          return payload;
        }
        payload.value = memo ? memo.alloc(inst, payload, {}, ctx) : {};
        const proms = [];
        const shape = value.shape;
        const abortEarly = ctx?.abortEarly;
        let seen = payload.issues.length;
        for (const key of value.allKeys) {
          if (abortEarly && payload.issues.length !== seen) {
            if (aborted(payload, seen))
              break;
            seen = payload.issues.length;
          }
          if (key === "__proto__")
            continue;
          const el = shape[key];
          const optin = el._zod.optin;
          const optout = el._zod.optout;
          const r = el._zod.run({ value: input[key], issues: [] }, ctx);
          if (r instanceof Promise) {
            proms.push(r.then((r2) => handlePropertyResult(r2, payload, key, input, optin, optout)));
          } else {
            handlePropertyResult(r, payload, key, input, optin, optout);
          }
        }
        if (!catchall) {
          return proms.length ? Promise.all(proms).then(() => payload) : payload;
        }
        return handleCatchall(proms, input, payload, ctx, _normalized.value, inst, abortEarly === true);
      };
    });
    $ZodRecord = /* @__PURE__ */ $constructor("$ZodRecord", (inst, def) => {
      $ZodType.init(inst, def);
      const memo = globalConfig.memoizer;
      memo?.attach(inst);
      inst._zod.parse = (payload, ctx) => {
        const input = payload.value;
        if (!isPlainObject(input)) {
          payload.issues.push({
            expected: "record",
            code: "invalid_type",
            input,
            inst
          });
          return payload;
        }
        const proms = [];
        const values = def.keyType._zod.values;
        if (values && !def.partial) {
          payload.value = memo ? memo.alloc(inst, payload, {}, ctx) : {};
          const recordKeys = /* @__PURE__ */ new Set();
          for (const key of values) {
            if (typeof key === "string" || typeof key === "number" || typeof key === "symbol") {
              recordKeys.add(typeof key === "number" ? key.toString() : key);
              if (key === "__proto__")
                continue;
              const keyResult = def.keyType._zod.run({ value: key, issues: [] }, ctx);
              if (keyResult instanceof Promise) {
                throw new Error("Async schemas not supported in object keys currently");
              }
              if (keyResult.issues.length) {
                payload.issues.push({
                  code: "invalid_key",
                  origin: "record",
                  issues: keyResult.issues.map((iss) => finalizeIssue(iss, ctx, config())),
                  input: key,
                  path: [key],
                  inst
                });
                continue;
              }
              const outKey = keyResult.value;
              if (outKey === "__proto__")
                continue;
              const result = def.valueType._zod.run({ value: input[key], issues: [] }, ctx);
              if (result instanceof Promise) {
                proms.push(result.then((result2) => {
                  if (result2.issues.length) {
                    payload.issues.push(...prefixIssues(key, result2.issues));
                  }
                  payload.value[outKey] = result2.value;
                }));
              } else {
                if (result.issues.length) {
                  payload.issues.push(...prefixIssues(key, result.issues));
                }
                payload.value[outKey] = result.value;
              }
            }
          }
          let unrecognized;
          for (const key in input) {
            if (!recordKeys.has(key)) {
              if (def.mode === "loose") {
                if (key === "__proto__")
                  continue;
                payload.value[key] = input[key];
              } else {
                unrecognized = unrecognized ?? [];
                unrecognized.push(key);
              }
            }
          }
          if (unrecognized && unrecognized.length > 0) {
            payload.issues.push({
              code: "unrecognized_keys",
              input,
              inst,
              keys: unrecognized,
              continue: true
            });
          }
        } else {
          payload.value = memo ? memo.alloc(inst, payload, {}, ctx) : {};
          let unrecognized;
          for (const key of Reflect.ownKeys(input)) {
            if (key === "__proto__")
              continue;
            if (!Object.prototype.propertyIsEnumerable.call(input, key))
              continue;
            let keyResult = def.keyType._zod.run({ value: key, issues: [] }, ctx);
            if (keyResult instanceof Promise) {
              throw new Error("Async schemas not supported in object keys currently");
            }
            const checkNumericKey = typeof key === "string" && number.test(key) && keyResult.issues.length;
            if (checkNumericKey) {
              const retryResult = def.keyType._zod.run({ value: Number(key), issues: [] }, ctx);
              if (retryResult instanceof Promise) {
                throw new Error("Async schemas not supported in object keys currently");
              }
              if (retryResult.issues.length === 0) {
                keyResult = retryResult;
              }
            }
            if (keyResult.issues.length) {
              if (def.mode === "loose") {
                payload.value[key] = input[key];
              } else if (values) {
                unrecognized = unrecognized ?? [];
                unrecognized.push(key);
              } else {
                payload.issues.push({
                  code: "invalid_key",
                  origin: "record",
                  issues: keyResult.issues.map((iss) => finalizeIssue(iss, ctx, config())),
                  input: key,
                  path: [key],
                  inst
                });
              }
              continue;
            }
            const outKey = keyResult.value;
            if (outKey === "__proto__")
              continue;
            const result = def.valueType._zod.run({ value: input[key], issues: [] }, ctx);
            if (result instanceof Promise) {
              proms.push(result.then((result2) => {
                if (result2.issues.length) {
                  payload.issues.push(...prefixIssues(key, result2.issues));
                }
                payload.value[outKey] = result2.value;
              }));
            } else {
              if (result.issues.length) {
                payload.issues.push(...prefixIssues(key, result.issues));
              }
              payload.value[outKey] = result.value;
            }
          }
          if (unrecognized && unrecognized.length > 0) {
            payload.issues.push({
              code: "unrecognized_keys",
              input,
              inst,
              keys: unrecognized,
              continue: true
            });
          }
        }
        if (proms.length) {
          return Promise.all(proms).then(() => payload);
        }
        return payload;
      };
    });
    $ZodOptional = /* @__PURE__ */ $constructor("$ZodOptional", (inst, def) => {
      $ZodType.init(inst, def);
      defineLazyInternal(inst, "optin", (zod) => zod.def.innerType._zod.optin === "defaulted" ? "defaulted" : "optional");
      inst._zod.optout = "optional";
      defineLazyInternal(inst, "values", (zod) => {
        const values = zod.def.innerType._zod.values;
        return values ? /* @__PURE__ */ new Set([...values, void 0]) : void 0;
      });
      defineLazyInternal(inst, "pattern", (zod) => {
        const pattern = zod.def.innerType._zod.pattern;
        return pattern ? new RegExp(`^(${cleanRegex(pattern.source)})?$`) : void 0;
      });
      inst._zod.parse = (payload, ctx) => {
        if (payload.value === void 0) {
          if (def.innerType._zod.optin !== "defaulted")
            return payload;
          const result = def.innerType._zod.run({ value: payload.value, issues: [] }, ctx);
          if (result instanceof Promise)
            return result.then((result2) => handleOptionalResult(payload, result2));
          return handleOptionalResult(payload, result);
        }
        return def.innerType._zod.run(payload, ctx);
      };
    });
    $ZodDefault = /* @__PURE__ */ $constructor("$ZodDefault", (inst, def) => {
      $ZodType.init(inst, def);
      inst._zod.optin = "defaulted";
      defineLazyInternal(inst, "values", (zod) => zod.def.innerType._zod.values);
      inst._zod.parse = (payload, ctx) => {
        if (ctx.direction === "backward") {
          return def.innerType._zod.run(payload, ctx);
        }
        if (payload.value === void 0) {
          payload.value = def.defaultValue;
          return payload;
        }
        const result = def.innerType._zod.run(payload, ctx);
        if (result instanceof Promise) {
          return result.then((result2) => handleDefaultResult(result2, def));
        }
        return handleDefaultResult(result, def);
      };
    });
  }
});

// node_modules/zod/v4/core/memoizer.js
var init_memoizer = __esm({
  "node_modules/zod/v4/core/memoizer.js"() {
  }
});

// node_modules/zod/v4/locales/index.js
var init_locales = __esm({
  "node_modules/zod/v4/locales/index.js"() {
  }
});

// node_modules/zod/v4/core/registries.js
function registry() {
  return new $ZodRegistry();
}
var _a2, $ZodRegistry, globalRegistry;
var init_registries = __esm({
  "node_modules/zod/v4/core/registries.js"() {
    $ZodRegistry = class {
      constructor() {
        this._map = /* @__PURE__ */ new WeakMap();
        this._idmap = /* @__PURE__ */ new Map();
      }
      add(schema, ..._meta) {
        const meta2 = _meta[0];
        this._map.set(schema, meta2);
        if (meta2 && typeof meta2 === "object" && "id" in meta2) {
          this._idmap.set(meta2.id, schema);
        }
        return this;
      }
      clear() {
        this._map = /* @__PURE__ */ new WeakMap();
        this._idmap = /* @__PURE__ */ new Map();
        return this;
      }
      remove(schema) {
        const meta2 = this._map.get(schema);
        if (meta2 && typeof meta2 === "object" && "id" in meta2) {
          this._idmap.delete(meta2.id);
        }
        this._map.delete(schema);
        return this;
      }
      get(schema) {
        const p = schema._zod.parent;
        if (p) {
          const pm = { ...this.get(p) ?? {} };
          delete pm.id;
          const f = { ...pm, ...this._map.get(schema) };
          return Object.keys(f).length ? f : void 0;
        }
        return this._map.get(schema);
      }
      has(schema) {
        return this._map.has(schema);
      }
    };
    (_a2 = globalThis).__zod_globalRegistry ?? (_a2.__zod_globalRegistry = registry());
    globalRegistry = globalThis.__zod_globalRegistry;
  }
});

// node_modules/zod/v4/core/compile.js
var init_compile = __esm({
  "node_modules/zod/v4/core/compile.js"() {
  }
});

// node_modules/zod/v4/core/api.js
function snapshotChecks(def) {
  if (def.checks)
    def.checks = [...def.checks];
  return def;
}
// @__NO_SIDE_EFFECTS__
function _string(Class, params) {
  return new Class(snapshotChecks({ type: "string", ...normalizeParams(params) }));
}
// @__NO_SIDE_EFFECTS__
function _int(Class, params) {
  return new Class({
    type: "number",
    check: "number_format",
    abort: false,
    format: "safeint",
    ...normalizeParams(params)
  });
}
// @__NO_SIDE_EFFECTS__
function _unknown(Class) {
  return new Class({
    type: "unknown"
  });
}
// @__NO_SIDE_EFFECTS__
function _gt(value, params) {
  return new $ZodCheckGreaterThan({
    check: "greater_than",
    ...normalizeParams(params),
    value,
    inclusive: false
  });
}
// @__NO_SIDE_EFFECTS__
function _gte(value, params) {
  return new $ZodCheckGreaterThan({
    check: "greater_than",
    ...normalizeParams(params),
    value,
    inclusive: true
  });
}
// @__NO_SIDE_EFFECTS__
function _positive(params) {
  return /* @__PURE__ */ _gt(0, params);
}
// @__NO_SIDE_EFFECTS__
function _nonnegative(params) {
  return /* @__PURE__ */ _gte(0, params);
}
// @__NO_SIDE_EFFECTS__
function _minLength(minimum, params) {
  return new $ZodCheckMinLength({
    check: "min_length",
    ...normalizeParams(params),
    minimum
  });
}
var init_api = __esm({
  "node_modules/zod/v4/core/api.js"() {
    init_checks();
    init_util();
  }
});

// node_modules/zod/v4/core/to-json-schema.js
var init_to_json_schema = __esm({
  "node_modules/zod/v4/core/to-json-schema.js"() {
  }
});

// node_modules/zod/v4/core/json-schema.js
var init_json_schema = __esm({
  "node_modules/zod/v4/core/json-schema.js"() {
  }
});

// node_modules/zod/v4/core/index.js
var init_core2 = __esm({
  "node_modules/zod/v4/core/index.js"() {
    init_core();
    init_parse2();
    init_errors2();
    init_schemas();
    init_memoizer();
    init_checks();
    init_versions();
    init_util();
    init_regexes();
    init_locales();
    init_registries();
    init_doc();
    init_compile();
    init_api();
    init_to_json_schema();
    init_json_schema();
  }
});

// node_modules/zod/v4/mini/parse.js
var init_parse3 = __esm({
  "node_modules/zod/v4/mini/parse.js"() {
    init_core2();
  }
});

// node_modules/zod/v4/mini/schemas.js
// @__NO_SIDE_EFFECTS__
function string2(params) {
  return _string(ZodMiniString, params);
}
function int(params) {
  return _int(ZodMiniNumberFormat, params);
}
// @__NO_SIDE_EFFECTS__
function unknown() {
  return _unknown(ZodMiniUnknown);
}
// @__NO_SIDE_EFFECTS__
function object(shape, params) {
  const def = {
    type: "object",
    shape: shape ?? {},
    ...normalizeParams(params)
  };
  return new ZodMiniObject(def);
}
// @__NO_SIDE_EFFECTS__
function looseObject(shape, params) {
  return new ZodMiniObject({
    type: "object",
    shape,
    catchall: /* @__PURE__ */ unknown(),
    ...normalizeParams(params)
  });
}
// @__NO_SIDE_EFFECTS__
function partial2(schema, mask2) {
  const def = schema._zod.def;
  if (def.type !== "tuple")
    return partial(ZodMiniOptional, schema, mask2);
  if (def.checks?.length)
    throw new Error(".partial() cannot be used on tuple schemas containing refinements");
  return clone(schema, {
    ...def,
    items: def.items.map((item) => new ZodMiniOptional({ type: "optional", innerType: item }))
  });
}
// @__NO_SIDE_EFFECTS__
function record(keyType, valueType, params) {
  if (!valueType || !valueType._zod) {
    return new ZodMiniRecord({
      type: "record",
      keyType: /* @__PURE__ */ string2(),
      valueType: keyType,
      ...normalizeParams(valueType)
    });
  }
  return new ZodMiniRecord({
    type: "record",
    keyType,
    valueType,
    ...normalizeParams(params)
  });
}
// @__NO_SIDE_EFFECTS__
function optional(innerType) {
  return new ZodMiniOptional({
    type: "optional",
    innerType
  });
}
// @__NO_SIDE_EFFECTS__
function _default(innerType, defaultValue) {
  return new ZodMiniDefault({
    type: "default",
    innerType,
    get defaultValue() {
      return typeof defaultValue === "function" ? defaultValue() : shallowClone(defaultValue);
    }
  });
}
var ZodMiniType, ZodMiniString, ZodMiniNumber, ZodMiniNumberFormat, ZodMiniUnknown, ZodMiniObject, ZodMiniRecord, ZodMiniOptional, ZodMiniDefault;
var init_schemas2 = __esm({
  "node_modules/zod/v4/mini/schemas.js"() {
    init_core2();
    init_util();
    init_parse3();
    ZodMiniType = /* @__PURE__ */ $constructor("ZodMiniType", (inst, def) => {
      if (!inst._zod)
        throw new Error("Uninitialized schema in ZodMiniType.");
      $ZodType.init(inst, def);
      inst.def = def;
      inst.type = def.type;
    }, {
      // `with` is an alias for `check`: the same function object, not a wrapper.
      get with() {
        return this.check;
      },
      set with(value) {
        own(this, "with", value);
      },
      parse(data, params) {
        return parse(this, data, params, { callee: this.parse });
      },
      parseAsync(data, params) {
        return parseAsync(this, data, params, { callee: this.parseAsync });
      },
      safeParse(data, params) {
        return safeParse(this, data, params);
      },
      safeParseAsync(data, params) {
        return safeParseAsync(this, data, params);
      },
      check(...checks) {
        const def = this.def;
        return this.clone({
          ...def,
          checks: [
            ...def.checks ?? [],
            ...checks.map((ch) => typeof ch === "function" ? { _zod: { check: ch, def: { check: "custom" }, onattach: [] } } : ch)
          ]
        }, { parent: true });
      },
      clone(_def, params) {
        return clone(this, _def, params);
      },
      brand() {
        return this;
      },
      register(reg, meta2) {
        reg.add(this, meta2);
        return this;
      },
      apply(fn, ...args) {
        return args.length === 0 ? fn(this) : fn(this, ...args);
      }
    });
    ZodMiniString = /* @__PURE__ */ $constructor("ZodMiniString", (inst, def) => {
      $ZodString.init(inst, def);
      ZodMiniType.init(inst, def);
    });
    ZodMiniNumber = /* @__PURE__ */ $constructor("ZodMiniNumber", (inst, def) => {
      $ZodNumber.init(inst, def);
      ZodMiniType.init(inst, def);
    });
    ZodMiniNumberFormat = /* @__PURE__ */ $constructor("ZodMiniNumberFormat", (inst, def) => {
      $ZodNumberFormat.init(inst, def);
      ZodMiniNumber.init(inst, def);
    });
    ZodMiniUnknown = /* @__PURE__ */ $constructor("ZodMiniUnknown", (inst, def) => {
      $ZodUnknown.init(inst, def);
      ZodMiniType.init(inst, def);
    });
    ZodMiniObject = /* @__PURE__ */ $constructor("ZodMiniObject", (inst, def) => {
      $ZodObject.init(inst, def);
      ZodMiniType.init(inst, def);
      installLazyProp(inst, "shape", (self2) => self2._zod.def.shape, false);
    });
    ZodMiniRecord = /* @__PURE__ */ $constructor("ZodMiniRecord", (inst, def) => {
      $ZodRecord.init(inst, def);
      ZodMiniType.init(inst, def);
    });
    ZodMiniOptional = /* @__PURE__ */ $constructor("ZodMiniOptional", (inst, def) => {
      $ZodOptional.init(inst, def);
      ZodMiniType.init(inst, def);
    });
    ZodMiniDefault = /* @__PURE__ */ $constructor("ZodMiniDefault", (inst, def) => {
      $ZodDefault.init(inst, def);
      ZodMiniType.init(inst, def);
    });
  }
});

// node_modules/zod/v4/mini/checks.js
var init_checks2 = __esm({
  "node_modules/zod/v4/mini/checks.js"() {
    init_core2();
  }
});

// node_modules/zod/v4/mini/iso.js
var init_iso = __esm({
  "node_modules/zod/v4/mini/iso.js"() {
  }
});

// node_modules/zod/v4/mini/coerce.js
var init_coerce = __esm({
  "node_modules/zod/v4/mini/coerce.js"() {
  }
});

// node_modules/zod/v4/mini/external.js
var init_external = __esm({
  "node_modules/zod/v4/mini/external.js"() {
    init_core2();
    init_parse3();
    init_schemas2();
    init_checks2();
    init_locales();
    init_iso();
    init_coerce();
  }
});

// node_modules/zod/mini/index.js
var init_mini = __esm({
  "node_modules/zod/mini/index.js"() {
    init_external();
  }
});

// core/config-schema.ts
var config_schema_exports = {};
__export(config_schema_exports, {
  WatercoolerConfigSchema: () => WatercoolerConfigSchema,
  checkAgents: () => checkAgents,
  checkConfig: () => checkConfig
});
function describeIssue(issue3) {
  if (issue3.code === "invalid_type") return `expected ${issue3.expected}`;
  if (issue3.code === "too_small") return `must be at least ${String(issue3.minimum)}`;
  return issue3.code.replace(/_/g, " ");
}
function checkConfig(raw, file) {
  const parsed = WatercoolerConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const errors = parsed.error.issues.map(
      (i) => `${file}: ${i.path.join(".") || "(root)"}: ${describeIssue(i)}`
    );
    return { config: {}, warnings: [], errors };
  }
  const known = new Set(Object.keys(WatercoolerConfigSchema.shape));
  const warnings = Object.keys(parsed.data).filter((k) => !known.has(k)).map((k) => `${file}: unknown key "${k}" is ignored.`);
  return { config: parsed.data, warnings, errors: [] };
}
function checkAgents(raw, file) {
  const parsed = AgentRegistrySchema.safeParse(raw);
  if (parsed.success) return { registry: parsed.data };
  const issue3 = parsed.error.issues[0];
  return {
    error: `${file}: ${issue3 === void 0 ? "not an agents file" : `${issue3.path.join(".")}: ${describeIssue(issue3)}`}`
  };
}
var AgentRegistrySchema, WatercoolerConfigSchema;
var init_config_schema = __esm({
  "core/config-schema.ts"() {
    init_mini();
    AgentRegistrySchema = object({
      canonical: _default(record(string2(), string2()), {}),
      counterpart: _default(record(string2(), string2()), {}),
      default_ball: optional(string2())
    });
    WatercoolerConfigSchema = looseObject({
      $schema: optional(string2()),
      /** The threads folder, relative to the file. */
      threadsDir: optional(string2()),
      /** Who holds the ball on a new thread, and gets it when there is nobody to pass it to. */
      defaultBall: optional(string2().check(_minLength(1))),
      /** Canonical names and counterparts (the Python tool's agents.json shape). */
      agents: optional(partial2(AgentRegistrySchema)),
      /** A remote to use when no store flag or variable is given. */
      git: optional(string2()),
      github: optional(string2()),
      /** How long writes keep retrying after lost races. */
      retryBudgetMs: optional(int().check(_positive())),
      /** A read within this many ms of the last fetch may skip the fetch (git store). */
      freshnessMs: optional(int().check(_nonnegative()))
    });
  }
});

// core/config-parse.ts
async function parseConfig(text, file) {
  let raw;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return {
      config: {},
      warnings: [],
      errors: [`${file} is not valid JSON (${err.message}). Fix it or remove it.`]
    };
  }
  const { checkConfig: checkConfig2 } = await Promise.resolve().then(() => (init_config_schema(), config_schema_exports));
  return checkConfig2(raw, file);
}
var init_config_parse = __esm({
  "core/config-parse.ts"() {
  }
});

// core/layout.ts
function repoThreadsDir(dir) {
  if (dir === void 0) return null;
  const clean = dir.replace(/\\/g, "/").replace(/^(\.\/+)+/, "").replace(/\/+$/, "");
  if (clean === "." || clean === "") return "";
  if (clean.startsWith("/") || clean.split("/").includes("..")) {
    throw new WatercoolerError("CONFIG", `threadsDir "${dir}" leaves the repository.`, {
      hint: 'Use a folder inside it, such as "threads".'
    });
  }
  return clean;
}
function isThreadFileName(name, sharedRoot) {
  if (!name.endsWith(".md") || name.startsWith(".") || name === "index.md" || name.includes("/"))
    return false;
  return !(sharedRoot && NOT_THREADS.test(name));
}
function isThreadPath(path, dir) {
  const prefix = dir === "" ? "" : `${dir}/`;
  return path.startsWith(prefix) && isThreadFileName(path.slice(prefix.length), dir === "");
}
function looksLikeThread(text) {
  if (text == null) return false;
  const head = text.slice(0, 1e3);
  return /^(status|ball|topic):/im.test(head) || / — Thread\s*$/.test(head.split("\n")[0] ?? "");
}
async function findThreadsDir(tree, configured) {
  const set = repoThreadsDir(configured);
  if (set !== null) return set;
  const root = await tree.entries("");
  const samples = root.filter((e) => e.type === "file" && isThreadFileName(e.name, true)).slice(0, ROOT_SAMPLES);
  for (const e of samples) if (looksLikeThread(await tree.text(e.name))) return "";
  const dirs = new Set(root.filter((e) => e.type === "dir").map((e) => e.name));
  return dirs.has(PYTHON_THREADS_DIR) && !dirs.has("threads") ? PYTHON_THREADS_DIR : "threads";
}
var PYTHON_THREADS_DIR, NOT_THREADS, ROOT_SAMPLES;
var init_layout = __esm({
  "core/layout.ts"() {
    init_errors();
    PYTHON_THREADS_DIR = ".watercooler";
    NOT_THREADS = /^(index|readme|changelog|contributing|license|code_of_conduct|security)\.md$/i;
    ROOT_SAMPLES = 5;
  }
});

// core/store/commit-message.ts
var REDACT_TRAILER;
var init_commit_message = __esm({
  "core/store/commit-message.ts"() {
    REDACT_TRAILER = "Watercooler-Redact";
  }
});

// action/main.ts
import { readFileSync as readFileSync2 } from "node:fs";

// node_modules/@actions/core/lib/command.js
import * as os from "os";

// node_modules/@actions/core/lib/utils.js
function toCommandValue(input) {
  if (input === null || input === void 0) {
    return "";
  } else if (typeof input === "string" || input instanceof String) {
    return input;
  }
  return JSON.stringify(input);
}
function toCommandProperties(annotationProperties) {
  if (!Object.keys(annotationProperties).length) {
    return {};
  }
  return {
    title: annotationProperties.title,
    file: annotationProperties.file,
    line: annotationProperties.startLine,
    endLine: annotationProperties.endLine,
    col: annotationProperties.startColumn,
    endColumn: annotationProperties.endColumn
  };
}

// node_modules/@actions/core/lib/command.js
function issueCommand(command, properties, message) {
  const cmd = new Command(command, properties, message);
  process.stdout.write(cmd.toString() + os.EOL);
}
var CMD_STRING = "::";
var Command = class {
  constructor(command, properties, message) {
    if (!command) {
      command = "missing.command";
    }
    this.command = command;
    this.properties = properties;
    this.message = message;
  }
  toString() {
    let cmdStr = CMD_STRING + this.command;
    if (this.properties && Object.keys(this.properties).length > 0) {
      cmdStr += " ";
      let first = true;
      for (const key in this.properties) {
        if (this.properties.hasOwnProperty(key)) {
          const val = this.properties[key];
          if (val) {
            if (first) {
              first = false;
            } else {
              cmdStr += ",";
            }
            cmdStr += `${key}=${escapeProperty(val)}`;
          }
        }
      }
    }
    cmdStr += `${CMD_STRING}${escapeData(this.message)}`;
    return cmdStr;
  }
};
function escapeData(s) {
  return toCommandValue(s).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeProperty(s) {
  return toCommandValue(s).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A").replace(/:/g, "%3A").replace(/,/g, "%2C");
}

// node_modules/@actions/core/lib/file-command.js
import * as crypto from "crypto";
import * as fs from "fs";
import * as os2 from "os";
function issueFileCommand(command, message) {
  const filePath = process.env[`GITHUB_${command}`];
  if (!filePath) {
    throw new Error(`Unable to find environment variable for file command ${command}`);
  }
  if (!fs.existsSync(filePath)) {
    throw new Error(`Missing file at path: ${filePath}`);
  }
  fs.appendFileSync(filePath, `${toCommandValue(message)}${os2.EOL}`, {
    encoding: "utf8"
  });
}
function prepareKeyValueMessage(key, value) {
  const delimiter = `ghadelimiter_${crypto.randomUUID()}`;
  const convertedValue = toCommandValue(value);
  if (key.includes(delimiter)) {
    throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
  }
  if (convertedValue.includes(delimiter)) {
    throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
  }
  return `${key}<<${delimiter}${os2.EOL}${convertedValue}${os2.EOL}${delimiter}`;
}

// node_modules/@actions/core/lib/core.js
import * as os3 from "os";

// node_modules/@actions/core/lib/summary.js
import { EOL as EOL3 } from "os";
import { constants, promises } from "fs";
var __awaiter = function(thisArg, _arguments, P, generator) {
  function adopt(value) {
    return value instanceof P ? value : new P(function(resolve3) {
      resolve3(value);
    });
  }
  return new (P || (P = Promise))(function(resolve3, reject) {
    function fulfilled(value) {
      try {
        step(generator.next(value));
      } catch (e) {
        reject(e);
      }
    }
    function rejected(value) {
      try {
        step(generator["throw"](value));
      } catch (e) {
        reject(e);
      }
    }
    function step(result) {
      result.done ? resolve3(result.value) : adopt(result.value).then(fulfilled, rejected);
    }
    step((generator = generator.apply(thisArg, _arguments || [])).next());
  });
};
var { access, appendFile, writeFile } = promises;
var SUMMARY_ENV_VAR = "GITHUB_STEP_SUMMARY";
var Summary = class {
  constructor() {
    this._buffer = "";
  }
  /**
   * Finds the summary file path from the environment, rejects if env var is not found or file does not exist
   * Also checks r/w permissions.
   *
   * @returns step summary file path
   */
  filePath() {
    return __awaiter(this, void 0, void 0, function* () {
      if (this._filePath) {
        return this._filePath;
      }
      const pathFromEnv = process.env[SUMMARY_ENV_VAR];
      if (!pathFromEnv) {
        throw new Error(`Unable to find environment variable for $${SUMMARY_ENV_VAR}. Check if your runtime environment supports job summaries.`);
      }
      try {
        yield access(pathFromEnv, constants.R_OK | constants.W_OK);
      } catch (_a3) {
        throw new Error(`Unable to access summary file: '${pathFromEnv}'. Check if the file has correct read/write permissions.`);
      }
      this._filePath = pathFromEnv;
      return this._filePath;
    });
  }
  /**
   * Wraps content in an HTML tag, adding any HTML attributes
   *
   * @param {string} tag HTML tag to wrap
   * @param {string | null} content content within the tag
   * @param {[attribute: string]: string} attrs key-value list of HTML attributes to add
   *
   * @returns {string} content wrapped in HTML element
   */
  wrap(tag, content, attrs = {}) {
    const htmlAttrs = Object.entries(attrs).map(([key, value]) => ` ${key}="${value}"`).join("");
    if (!content) {
      return `<${tag}${htmlAttrs}>`;
    }
    return `<${tag}${htmlAttrs}>${content}</${tag}>`;
  }
  /**
   * Writes text in the buffer to the summary buffer file and empties buffer. Will append by default.
   *
   * @param {SummaryWriteOptions} [options] (optional) options for write operation
   *
   * @returns {Promise<Summary>} summary instance
   */
  write(options) {
    return __awaiter(this, void 0, void 0, function* () {
      const overwrite = !!(options === null || options === void 0 ? void 0 : options.overwrite);
      const filePath = yield this.filePath();
      const writeFunc = overwrite ? writeFile : appendFile;
      yield writeFunc(filePath, this._buffer, { encoding: "utf8" });
      return this.emptyBuffer();
    });
  }
  /**
   * Clears the summary buffer and wipes the summary file
   *
   * @returns {Summary} summary instance
   */
  clear() {
    return __awaiter(this, void 0, void 0, function* () {
      return this.emptyBuffer().write({ overwrite: true });
    });
  }
  /**
   * Returns the current summary buffer as a string
   *
   * @returns {string} string of summary buffer
   */
  stringify() {
    return this._buffer;
  }
  /**
   * If the summary buffer is empty
   *
   * @returns {boolen} true if the buffer is empty
   */
  isEmptyBuffer() {
    return this._buffer.length === 0;
  }
  /**
   * Resets the summary buffer without writing to summary file
   *
   * @returns {Summary} summary instance
   */
  emptyBuffer() {
    this._buffer = "";
    return this;
  }
  /**
   * Adds raw text to the summary buffer
   *
   * @param {string} text content to add
   * @param {boolean} [addEOL=false] (optional) append an EOL to the raw text (default: false)
   *
   * @returns {Summary} summary instance
   */
  addRaw(text, addEOL = false) {
    this._buffer += text;
    return addEOL ? this.addEOL() : this;
  }
  /**
   * Adds the operating system-specific end-of-line marker to the buffer
   *
   * @returns {Summary} summary instance
   */
  addEOL() {
    return this.addRaw(EOL3);
  }
  /**
   * Adds an HTML codeblock to the summary buffer
   *
   * @param {string} code content to render within fenced code block
   * @param {string} lang (optional) language to syntax highlight code
   *
   * @returns {Summary} summary instance
   */
  addCodeBlock(code, lang) {
    const attrs = Object.assign({}, lang && { lang });
    const element = this.wrap("pre", this.wrap("code", code), attrs);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML list to the summary buffer
   *
   * @param {string[]} items list of items to render
   * @param {boolean} [ordered=false] (optional) if the rendered list should be ordered or not (default: false)
   *
   * @returns {Summary} summary instance
   */
  addList(items, ordered = false) {
    const tag = ordered ? "ol" : "ul";
    const listItems = items.map((item) => this.wrap("li", item)).join("");
    const element = this.wrap(tag, listItems);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML table to the summary buffer
   *
   * @param {SummaryTableCell[]} rows table rows
   *
   * @returns {Summary} summary instance
   */
  addTable(rows) {
    const tableBody = rows.map((row) => {
      const cells = row.map((cell) => {
        if (typeof cell === "string") {
          return this.wrap("td", cell);
        }
        const { header, data, colspan, rowspan } = cell;
        const tag = header ? "th" : "td";
        const attrs = Object.assign(Object.assign({}, colspan && { colspan }), rowspan && { rowspan });
        return this.wrap(tag, data, attrs);
      }).join("");
      return this.wrap("tr", cells);
    }).join("");
    const element = this.wrap("table", tableBody);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds a collapsable HTML details element to the summary buffer
   *
   * @param {string} label text for the closed state
   * @param {string} content collapsable content
   *
   * @returns {Summary} summary instance
   */
  addDetails(label, content) {
    const element = this.wrap("details", this.wrap("summary", label) + content);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML image tag to the summary buffer
   *
   * @param {string} src path to the image you to embed
   * @param {string} alt text description of the image
   * @param {SummaryImageOptions} options (optional) addition image attributes
   *
   * @returns {Summary} summary instance
   */
  addImage(src, alt, options) {
    const { width, height } = options || {};
    const attrs = Object.assign(Object.assign({}, width && { width }), height && { height });
    const element = this.wrap("img", null, Object.assign({ src, alt }, attrs));
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML section heading element
   *
   * @param {string} text heading text
   * @param {number | string} [level=1] (optional) the heading level, default: 1
   *
   * @returns {Summary} summary instance
   */
  addHeading(text, level) {
    const tag = `h${level}`;
    const allowedTag = ["h1", "h2", "h3", "h4", "h5", "h6"].includes(tag) ? tag : "h1";
    const element = this.wrap(allowedTag, text);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML thematic break (<hr>) to the summary buffer
   *
   * @returns {Summary} summary instance
   */
  addSeparator() {
    const element = this.wrap("hr", null);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML line break (<br>) to the summary buffer
   *
   * @returns {Summary} summary instance
   */
  addBreak() {
    const element = this.wrap("br", null);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML blockquote to the summary buffer
   *
   * @param {string} text quote text
   * @param {string} cite (optional) citation url
   *
   * @returns {Summary} summary instance
   */
  addQuote(text, cite) {
    const attrs = Object.assign({}, cite && { cite });
    const element = this.wrap("blockquote", text, attrs);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML anchor tag to the summary buffer
   *
   * @param {string} text link text/content
   * @param {string} href hyperlink
   *
   * @returns {Summary} summary instance
   */
  addLink(text, href) {
    const element = this.wrap("a", text, { href });
    return this.addRaw(element).addEOL();
  }
};
var _summary = new Summary();
var summary = _summary;

// node_modules/@actions/core/lib/core.js
var ExitCode;
(function(ExitCode2) {
  ExitCode2[ExitCode2["Success"] = 0] = "Success";
  ExitCode2[ExitCode2["Failure"] = 1] = "Failure";
})(ExitCode || (ExitCode = {}));
function getInput(name, options) {
  const val = process.env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] || "";
  if (options && options.required && !val) {
    throw new Error(`Input required and not supplied: ${name}`);
  }
  if (options && options.trimWhitespace === false) {
    return val;
  }
  return val.trim();
}
function setOutput(name, value) {
  const filePath = process.env["GITHUB_OUTPUT"] || "";
  if (filePath) {
    return issueFileCommand("OUTPUT", prepareKeyValueMessage(name, value));
  }
  process.stdout.write(os3.EOL);
  issueCommand("set-output", { name }, toCommandValue(value));
}
function setFailed(message) {
  process.exitCode = ExitCode.Failure;
  error(message);
}
function error(message, properties = {}) {
  issueCommand("error", toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
function warning(message, properties = {}) {
  issueCommand("warning", toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
function notice(message, properties = {}) {
  issueCommand("notice", toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
function info(message) {
  process.stdout.write(message + os3.EOL);
}

// core/index.ts
init_redact();

// core/validate/append-only.ts
init_parse();

// core/validate/issue.ts
var HISTORY_CODES = /* @__PURE__ */ new Set([
  "ENTRY_EDITED",
  "ENTRY_DELETED",
  "ENTRY_REORDERED",
  "PREAMBLE_EDITED",
  "HEADER_CHANGED",
  "APPEND_NOT_AT_END"
]);
function rewrittenHistoryHint(before, branch = "<branch>") {
  return `Thread history is append-only. Whoever still has ${before} (any clone that fetched it; \`git reflog\` finds it) puts it back with \`git push --force-with-lease origin ${before}:${branch}\` and re-adds the new work on top. To remove a secret, commit the rewrite with a \`Watercooler-Redact: <reason>\` trailer (\`watercooler redact\`) instead of force-pushing; turn on branch protection against force pushes.`;
}
function isMergeDamage(issue3) {
  return issue3.code === "ENTRY_SEPARATOR_MISSING" || issue3.code === "APPEND_NOT_AT_END" || issue3.code === "HEADER_CHANGED" && /two (Ball|Status): lines/.test(issue3.message);
}
function mergeHint(target, driver) {
  return ` If two branches appended to this thread, git merged it line by line: redo it entry by entry in one command on the branch being merged, \`git -c merge.watercooler.driver="${driver}" rebase ${target}\`, then push that branch (\`--force-with-lease\`). Each clone can keep the driver with \`git config merge.watercooler.driver "${driver}"\`.`;
}
function isFailing(issues, strict = false) {
  return issues.some((i) => i.severity === "error" || strict && i.severity === "warning");
}
var LINE_CACHE = [];
function lineStarts(text) {
  const hit = LINE_CACHE.find((c) => c.text === text);
  if (hit !== void 0) return hit.starts;
  const found = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) found.push(i + 1);
  const starts = Uint32Array.from(found);
  LINE_CACHE.unshift({ text, starts });
  if (LINE_CACHE.length > 4) LINE_CACHE.pop();
  return starts;
}
function lineAt(text, offset) {
  const starts = lineStarts(text);
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = lo + hi + 1 >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

// core/validate/append-only.ts
var MUTABLE_HEADER_KEYS = ["status", "ball"];
function checkAppendOnly(oldText, newText, file) {
  const issues = [];
  const thread = parseThread(newText);
  const headerIssue = compareHeaders(oldText, newText, file);
  if (headerIssue !== null) issues.push(headerIssue);
  const oldHeaderEnd = headerEndOf(oldText);
  const newHeaderEnd = headerEndOf(newText);
  const oldRest = oldText.slice(oldHeaderEnd).trimEnd();
  const newRest = newText.slice(newHeaderEnd);
  if (newRest.startsWith(oldRest)) {
    const boundary = newHeaderEnd + oldRest.length;
    let firstNew = thread.entries.findIndex((e) => e.start >= boundary);
    if (firstNew === -1) firstNew = thread.entries.length;
    const tailEnd = thread.entries[firstNew]?.start ?? newText.length;
    const stray = newText.slice(boundary, tailEnd);
    if (stray.trim() !== "") {
      const at = boundary + (stray.length - stray.trimStart().length);
      const last = thread.entries[firstNew - 1];
      const touched = [];
      if (last === void 0) {
        issues.push(preambleIssue(file, lineAt(newText, at)));
      } else {
        const t = touch(last, "edited", lineAt(newText, at));
        report(touched, issues, t, editedIssue(t, file));
      }
      return { issues, thread, firstNew, touched };
    }
    return { issues, thread, firstNew, touched: [] };
  }
  return diagnose(oldText, newText, parseThread(oldText), thread, file, issues);
}
function headerLines(text) {
  const header = text.slice(0, headerEndOf(text));
  const lines = header.split("\n");
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}
function mask(lines) {
  const seen = /* @__PURE__ */ new Set();
  return lines.map((line) => {
    const lower = line.toLowerCase();
    for (const key of MUTABLE_HEADER_KEYS) {
      if (!seen.has(key) && lower.startsWith(`${key}:`)) {
        seen.add(key);
        return `\0${key}`;
      }
    }
    return line;
  });
}
function compareHeaders(oldText, newText, file) {
  const oldLines = headerLines(oldText);
  const newLines = headerLines(newText);
  const a = mask(oldLines);
  const b = mask(newLines);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const added = b.slice(i);
  if (i === a.length && added.every((l) => l.startsWith("\0") && !a.includes(l))) return null;
  const was = oldLines[i];
  const now = newLines[i];
  const count = (lines, k) => lines.filter((l) => l.toLowerCase().startsWith(`${k}:`)).length;
  const twice = MUTABLE_HEADER_KEYS.find((k) => count(newLines, k) > 1 && count(oldLines, k) <= 1);
  const what = twice !== void 0 ? `The header has two ${twice === "ball" ? "Ball" : "Status"}: lines (a line-by-line merge kept both sides').` : was === void 0 ? `Header line ${i + 1} was added: "${now ?? ""}".` : now === void 0 ? `Header line ${i + 1} ("${was}") was removed.` : `Header line ${i + 1} changed from "${was}" to "${now}".`;
  return {
    code: "HEADER_CHANGED",
    severity: "error",
    message: `${what} Only the Status: and Ball: lines of a thread's header may change.`,
    hint: "Restore the header line; change status and ball with `watercooler set-status` / `set-ball`.",
    file,
    line: Math.min(i + 1, Math.max(newLines.length, 1))
  };
}
function entryKey(e) {
  return e.entryId ?? `${e.agent}\0${e.timestamp}\0${e.title ?? ""}`;
}
function touch(e, how, line) {
  return {
    index: e.index,
    key: entryKey(e),
    entryId: e.entryId,
    agent: e.agent,
    title: e.title,
    how,
    line
  };
}
function report(touched, issues, t, issue3) {
  touched.push({ ...t, issue: issue3 });
  issues.push(issue3);
}
function describe(t) {
  const id = t.entryId === null ? "" : ` (${t.entryId})`;
  return `entry ${t.index + 1}${id} by ${t.agent}${t.title === null ? "" : `, "${t.title}"`}`;
}
var HISTORY_HINT = "Entries are append-only: restore the old bytes and add a new entry instead. To remove a secret, use `watercooler redact`, or commit the edit with a `Watercooler-Redact: <reason>` trailer.";
function editedIssue(t, file) {
  return {
    code: "ENTRY_EDITED",
    severity: "error",
    message: `The existing ${describe(t)} was edited.`,
    hint: HISTORY_HINT,
    file,
    line: t.line
  };
}
function preambleIssue(file, line) {
  return {
    code: "PREAMBLE_EDITED",
    severity: "error",
    message: "The text between the header and the first entry was changed.",
    hint: HISTORY_HINT,
    file,
    line
  };
}
function diagnose(oldText, newText, old, now, file, issues) {
  const touched = [];
  const match = matchEntries(old, now);
  const oldPre = oldText.slice(old.headerEnd, old.entries[0]?.start ?? oldText.length).trimEnd();
  const newPre = newText.slice(now.headerEnd, now.entries[0]?.start ?? newText.length).trimEnd();
  if (oldPre !== newPre)
    issues.push(preambleIssue(file, lineAt(newText, now.headerEnd + commonPrefix(oldPre, newPre))));
  let highest = -1;
  old.entries.forEach((e, i) => {
    const at = match[i] ?? -1;
    if (at === -1) {
      const next = match.slice(i + 1).find((m) => m !== -1);
      const nextEntry = next === void 0 ? void 0 : now.entries[next];
      const t = touch(e, "deleted", nextEntry?.line ?? lineAt(newText, newText.trimEnd().length));
      report(touched, issues, t, {
        code: "ENTRY_DELETED",
        severity: "error",
        message: `The existing ${describe(t)} was deleted (it was at line ${e.line} of the old file).`,
        hint: HISTORY_HINT,
        file,
        line: t.line
      });
      return;
    }
    const moved = now.entries[at];
    if (at < highest) {
      const t = touch(e, "moved", moved.line);
      report(touched, issues, t, {
        code: "ENTRY_REORDERED",
        severity: "error",
        message: `The existing ${describe(t)} was moved (entries must keep their order; new ones go after the last).`,
        hint: HISTORY_HINT,
        file,
        line: t.line
      });
      return;
    }
    highest = at;
    const before = oldText.slice(e.start, e.end);
    const after = newText.slice(moved.start, moved.end);
    if (before !== after && before.replace(/^---\n/, "") === after) {
      issues.push({
        code: "ENTRY_SEPARATOR_MISSING",
        severity: "error",
        message: `The existing ${describe(touch(e, "edited", moved.line))} lost the \`---\` line before it.`,
        hint: "Put the `---` line back before its `Entry:` line, after a blank line.",
        file,
        line: moved.line
      });
    } else if (before !== after) {
      const t = touch(e, "edited", lineAt(newText, moved.start + commonPrefix(before, after)));
      report(touched, issues, t, editedIssue(t, file));
    }
  });
  const lastOld = now.entries[highest];
  const matched = new Set(match.filter((m) => m !== -1));
  const clean = touched.length === 0 && issues.length === 0;
  const placement = placementIssue(oldText, newText, old, now, { highest, matched, file, clean });
  if (placement !== null) issues.push(placement);
  let firstNew = lastOld === void 0 ? 0 : highest + 1;
  while (firstNew < now.entries.length && matched.has(firstNew)) firstNew++;
  return { issues, thread: now, firstNew, touched };
}
function matchEntries(old, now) {
  const slots = /* @__PURE__ */ new Map();
  now.entries.forEach((e) => {
    const key = entryKey(e);
    slots.set(key, [...slots.get(key) ?? [], e.index]);
  });
  const oldKeys = new Set(old.entries.map(entryKey));
  const match = old.entries.map((e) => slots.get(entryKey(e))?.shift() ?? -1);
  match.forEach((at, i) => {
    const slot = now.entries[i];
    if (at === -1 && slot !== void 0 && !oldKeys.has(entryKey(slot))) match[i] = i;
  });
  return match;
}
function placementIssue(oldText, newText, old, now, at) {
  const { highest, matched, file } = at;
  const inserted = now.entries.find((e) => e.index < highest && !matched.has(e.index));
  if (inserted !== void 0)
    return {
      code: "APPEND_NOT_AT_END",
      severity: "error",
      message: `Entry ${inserted.index + 1} by ${inserted.agent} is new but sits before existing entries (new entries go after the last one).`,
      hint: HISTORY_HINT,
      file,
      line: inserted.line
    };
  if (!at.clean) return null;
  const d = commonPrefix(oldText.slice(old.headerEnd), newText.slice(now.headerEnd));
  return {
    code: "APPEND_NOT_AT_END",
    severity: "error",
    message: "The text between existing entries changed (new entries go after the last one, nowhere else).",
    hint: HISTORY_HINT,
    file,
    line: lineAt(newText, now.headerEnd + d)
  };
}
function commonPrefix(a, b) {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

// core/thread/merge.ts
function mergeDriverCommand(spec = "watercooler") {
  return `npx -y ${spec} merge-driver %O %A %B`;
}

// core/validate/range.ts
init_config_parse();
init_layout();

// core/validate/thread.ts
init_parse();

// core/validate/line-endings.ts
var BOM = "\uFEFF";
function comparable(oldText, newText, file) {
  const issues = [];
  let next = newText;
  const prev = oldText;
  if (next.startsWith(BOM) && !(prev ?? "").startsWith(BOM)) {
    issues.push({
      code: "BOM",
      severity: "error",
      message: 'The file starts with a byte order mark (U+FEFF, invisible in most editors): it was saved as "UTF-8 with BOM", so its first line changed.',
      hint: 'Save it as plain UTF-8 (no BOM), e.g. VS Code: "Save with Encoding" → UTF-8.',
      file,
      line: 1
    });
    next = next.slice(BOM.length);
  }
  const cr = next.indexOf("\r\n");
  if (cr !== -1 && (prev === null || !prev.includes("\r\n"))) {
    const lines = next.split("\r\n").length - 1;
    issues.push({
      code: "CRLF",
      severity: "error",
      message: prev === null ? `The file has CRLF (Windows) line endings (${lines} lines); thread files use LF.` : `The file was re-saved with CRLF (Windows) line endings (${lines} lines): every line changed, so the entries are compared here without them.`,
      hint: 'Keep LF endings: add `*.md text eol=lf` to .gitattributes (create-watercooler writes it), then `git add --renormalize . && git commit -m "Restore LF line endings"`.',
      file,
      line: lineAt(newText, newText.indexOf("\r\n"))
    });
    next = next.replace(/\r\n/g, "\n");
  }
  return { oldText: prev, newText: next, issues };
}

// core/validate/rules.ts
init_agents();
init_errors();
init_entry();
init_fence();
var TIMESTAMP_PARTS = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-](\d{2}):(\d{2}))$/;
var ROLE_SET = new Set(ROLES);
var TYPE_SET = new Set(ENTRY_TYPES.map((t) => t.toLowerCase()));
var STATUS_SET = new Set(STATUSES);
function checkRules(thread, options) {
  const issues = [];
  const add = (code, severity, line, message, hint) => {
    issues.push({ code, severity, message, hint, file: options.file, line });
  };
  const text = thread.text;
  const from = thread.entries[options.firstNew]?.start ?? (options.newThread ? 0 : text.length);
  const crlf = text.indexOf("\r", options.newThread ? 0 : from);
  if (crlf !== -1) {
    add(
      "CRLF",
      "error",
      lineAt(text, crlf),
      "The file has CR (Windows) line endings.",
      "Thread files use LF endings: add `*.md text eol=lf` to .gitattributes and re-save the file."
    );
  }
  if (options.newThread) checkHeader(thread, options.file, add);
  checkStatus(thread, add);
  if (options.newThread)
    scanLines(
      text,
      thread.headerEnd,
      thread.entries[0]?.start ?? text.length,
      lineAt(text, thread.headerEnd),
      add
    );
  const seen = /* @__PURE__ */ new Map();
  for (const entry of thread.entries) {
    const isNew = entry.index >= options.firstNew;
    if (entry.entryId !== null) {
      const first = seen.get(entry.entryId.toUpperCase());
      if (first === void 0) seen.set(entry.entryId.toUpperCase(), entry);
      else if (isNew) {
        add(
          "ENTRY_ID_DUPLICATE",
          "error",
          entry.line,
          `Entry ${entry.index + 1} repeats the Entry-ID ${entry.entryId} of entry ${first.index + 1} (line ${first.line}).`,
          "Give the new entry its own id (a fresh ULID), or remove the duplicate if it is the same entry written twice."
        );
      }
    }
    if (isNew && !text.startsWith("---", entry.start)) {
      add(
        "ENTRY_SEPARATOR_MISSING",
        options.newThread ? "warning" : "error",
        entry.line,
        `Entry ${entry.index + 1} has no \`---\` line right before its \`Entry:\` line, so older readers run it into the entry above.`,
        "Put a `---` line before it, after a blank line."
      );
    }
    if (isNew) checkEntry(entry, text, add);
  }
  return issues;
}
function checkHeader(thread, file, add) {
  const { header } = thread;
  const first = header.lines[0] ?? "";
  const example = 'A thread starts "# <topic> — Thread", then Status:, Ball:, Topic: and Created: lines.';
  if (!/^# .+ — Thread$/.test(first)) {
    add(
      "HEADER_MALFORMED",
      "error",
      1,
      `The first line should be "# <topic> — Thread" (with an em dash), not "${first.slice(0, 80)}".`,
      example
    );
  }
  for (const key of ["Status", "Ball", "Topic", "Created"]) {
    if (!header.lines.some((l) => l.toLowerCase().startsWith(`${key.toLowerCase()}:`))) {
      add(
        "HEADER_MALFORMED",
        "error",
        Math.max(header.lines.length, 1),
        `The header has no "${key}:" line.`,
        example
      );
    }
  }
  if (header.created !== null && timestampProblem(header.created) !== null) {
    const at = header.lines.findIndex((l) => /^(created|updated):/i.test(l));
    add(
      "HEADER_MALFORMED",
      "error",
      at + 1,
      `Created: "${header.created}" is not an ISO-8601 timestamp.`,
      "Write it as YYYY-MM-DDTHH:MM:SSZ."
    );
  }
  if (header.topic === null) return;
  const topicLine = header.lines.findIndex((l) => /^topic:/i.test(l)) + 1;
  const name = (file.split("/").pop() ?? file).replace(/\.md$/, "");
  let stem;
  try {
    stem = topicFileStem(header.topic);
  } catch (err) {
    if (!isWatercoolerError(err)) throw err;
    add(
      "TOPIC_MISMATCH",
      "error",
      topicLine,
      `Topic: "${header.topic}" cannot name a thread file: ${err.message}`,
      err.hint ?? ""
    );
    return;
  }
  if (stem !== name) {
    add(
      "TOPIC_MISMATCH",
      "error",
      topicLine,
      `The file is named "${name}.md" but its Topic "${header.topic}" belongs in "${stem}.md".`,
      `Rename the file to ${stem}.md, or fix the Topic: line.`
    );
  }
  if (/^# .+ — Thread$/.test(first) && first !== `# ${header.topic} — Thread`) {
    add(
      "HEADER_MALFORMED",
      "warning",
      1,
      `The title names "${header.title}" but Topic: says "${header.topic}".`,
      `Make the first line "# ${header.topic} — Thread".`
    );
  }
}
function checkStatus(thread, add) {
  const at = thread.header.lines.findIndex((l) => /^status:/i.test(l));
  if (at === -1) return;
  const status = thread.header.status.trim();
  if (!STATUS_SET.has(status.toUpperCase())) {
    add(
      "UNKNOWN_STATUS",
      "warning",
      at + 1,
      `Status "${status}" is not a known status.`,
      `Use one of ${STATUSES.join(", ")} (\`watercooler set-status\`).`
    );
  }
}
function checkEntry(entry, text, add) {
  const where = `Entry ${entry.index + 1}`;
  const agentProblem = agentNameProblem(entry.agent);
  if (agentProblem !== null)
    add(
      "ENTRY_AGENT_INVALID",
      "error",
      entry.line,
      `${where}: ${agentProblem}`,
      'Write the agent as "Name" or "Name (user)".'
    );
  const tsProblem = timestampProblem(entry.timestamp);
  if (tsProblem !== null)
    add(
      "ENTRY_TIMESTAMP_INVALID",
      "error",
      entry.line,
      `${where}: ${tsProblem}`,
      "Write the time as YYYY-MM-DDTHH:MM:SSZ (UTC)."
    );
  checkRoleAndType(entry, text, add, where);
  if (entry.title === null || entry.title === "") {
    add(
      "ENTRY_TITLE_MISSING",
      "error",
      entry.line,
      `${where} has no title.`,
      'Add a "Title: …" line to the entry header.'
    );
  }
  if (entry.entryId === null) {
    add(
      "ENTRY_ID_MISSING",
      "warning",
      entry.line,
      `${where} has no <!-- Entry-ID: … --> line.`,
      "Entries written by watercooler carry a ULID Entry-ID after the body; older writers did not."
    );
  } else if (!isEntryId(entry.entryId)) {
    add(
      "ENTRY_ID_INVALID",
      "warning",
      idLine(entry, text),
      `${where}: Entry-ID "${entry.entryId}" is not a ULID.`,
      "Entry-IDs are 26-character Crockford ULIDs."
    );
  }
  const bodyFrom = text.indexOf("\n\n", text.indexOf("\n", entry.start + 1));
  if (bodyFrom !== -1 && bodyFrom < entry.end)
    scanLines(text, bodyFrom + 2, entry.end, lineAt(text, bodyFrom + 2), add, where);
}
function checkRoleAndType(entry, text, add, where) {
  const fieldLine = (key) => {
    const lines = text.slice(entry.start, entry.end).split("\n");
    const i = lines.findIndex((l) => l.toLowerCase().startsWith(`${key}:`));
    return i === -1 ? entry.line : lineAt(text, entry.start) + i;
  };
  if (entry.role === null) {
    add(
      "ENTRY_ROLE_MISSING",
      "warning",
      entry.line,
      `${where} has no Role: line.`,
      `Add "Role: <role>" (one of ${ROLES.join(", ")}) after the Entry: line.`
    );
  } else if (!ROLE_SET.has(entry.role.toLowerCase())) {
    add(
      "ENTRY_ROLE_INVALID",
      "error",
      fieldLine("role"),
      `${where}: Role "${entry.role}" is not one of ${ROLES.join(", ")}.`,
      "Use one of the roles the format names."
    );
  }
  if (entry.type === null || !TYPE_SET.has(entry.type.toLowerCase())) {
    const what = entry.type === null ? "has no Type: line" : `has Type "${entry.type}"`;
    add(
      "ENTRY_TYPE_INVALID",
      "error",
      entry.type === null ? entry.line : fieldLine("type"),
      `${where} ${what}; expected one of ${ENTRY_TYPES.join(", ")}.`,
      "Every entry has a Type: line with a known type."
    );
  }
}
function idLine(entry, text) {
  const at = text.slice(entry.start, entry.end).search(/<!--\s*Entry-ID:/i);
  return at === -1 ? entry.line : lineAt(text, entry.start + at);
}
function scanLines(text, from, to, firstLine, add, where = "The text before the first entry") {
  const lines = text.slice(from, to).split("\n");
  let fence = null;
  lines.forEach((line, i) => {
    const lineNo = firstLine + i;
    const step = stepFence(fence, line, lineNo);
    fence = step.open;
    if (step.isFence) return;
    if (fence !== null) return;
    if (line.trim() === "---" && /^\s*Entry:/.test(lines[i + 1] ?? "")) {
      add(
        "ENTRY_HEADER_MALFORMED",
        "error",
        lineNo + 1,
        `${where}: "${(lines[i + 1] ?? "").trim().slice(0, 80)}" looks like an entry header but does not parse (expected "Entry: <agent> <YYYY-MM-DDTHH:MM:SSZ>").`,
        "Fix the Entry: line: an agent name, one space, then an ISO-8601 UTC timestamp."
      );
    } else if (line === "---") {
      add(
        "BODY_SEPARATOR",
        "warning",
        lineNo,
        `${where}: a body line is exactly "---", which older readers take for an entry separator.`,
        "Put it inside a ``` code fence, or use *** for a rule."
      );
    } else if (line.startsWith("Entry: ") && !/^---\s*$/.test(lines[i - 1] ?? "")) {
      add(
        "BODY_ENTRY_LINE",
        "warning",
        lineNo,
        `${where}: a body line starts with "Entry: ", which older readers may take for an entry header.`,
        "Put it inside a ``` code fence, or reword the line."
      );
    }
  });
  const open = fence;
  if (open !== null) {
    add(
      "UNCLOSED_FENCE",
      "error",
      open.line,
      `${where}: the code fence opened here is never closed, so every later entry would be read as part of it.`,
      `Close it with a line of ${open.char.repeat(open.len)}.`
    );
  }
}
function timestampProblem(value) {
  const m = TIMESTAMP_PARTS.exec(value);
  if (m === null) return `"${value}" is not an ISO-8601 timestamp.`;
  const [, y, mo, d, h, mi, s] = m.map(Number);
  const date2 = new Date(Date.UTC(y ?? 0, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0, s ?? 0));
  const real = date2.getUTCMonth() === (mo ?? 1) - 1 && date2.getUTCDate() === d && (h ?? 0) < 24 && (mi ?? 0) < 60 && (s ?? 0) < 60;
  if (!real) return `"${value}" is not a real date and time.`;
  if (m[8] !== void 0 && (Number(m[8]) > 23 || Number(m[9]) > 59))
    return `"${value}" has an impossible UTC offset.`;
  return null;
}

// core/validate/thread.ts
function validateChange(oldBytes, newBytes, file, renamed = false) {
  const { oldText, newText, issues: encoding } = comparable(oldBytes, newBytes, file);
  if (oldText === null) {
    const thread = parseThread(newText);
    return {
      issues: [...encoding, ...checkRules(thread, { file, firstNew: 0, newThread: true })],
      entriesAdded: thread.entries.length,
      touched: []
    };
  }
  const check = checkAppendOnly(oldText, newText, file);
  const rules = checkRules(check.thread, { file, firstNew: check.firstNew, newThread: renamed });
  return {
    issues: [...encoding, ...check.issues, ...rules],
    entriesAdded: check.thread.entries.length - check.firstNew,
    touched: check.touched
  };
}

// core/validate/change.ts
function checkChange(change, oldText, newText, allowDelete) {
  const file = change.path;
  if (oldText === void 0 || newText === void 0) {
    const bad = oldText === void 0 ? change.from ?? file : file;
    return only({
      file,
      change: kindOf(change.status),
      entriesAdded: 0,
      issues: [
        {
          code: "NOT_UTF8",
          severity: "error",
          message: `${bad} is not valid UTF-8.`,
          hint: "Thread files are UTF-8 text; re-save it as UTF-8.",
          file,
          line: 1
        }
      ]
    });
  }
  if (change.status === "D" || newText === null) {
    const sev = allowDelete ? "notice" : "error";
    return only({
      file,
      change: "deleted",
      entriesAdded: 0,
      issues: [
        {
          code: "THREAD_DELETED",
          severity: sev,
          message: `The thread ${file} was deleted.`,
          hint: allowDelete ? "Deleting threads is allowed here (allow-delete)." : "Threads are never deleted: restore the file and close the thread with `watercooler set-status TOPIC CLOSED`.",
          file,
          line: 1
        }
      ]
    });
  }
  if (change.status.startsWith("R") && change.from !== void 0) {
    const check2 = validateChange(oldText, newText, file, true);
    const sev = allowDelete ? "notice" : "error";
    check2.issues.unshift({
      code: "THREAD_RENAMED",
      severity: sev,
      message: `The thread ${change.from} was renamed to ${file}.`,
      hint: allowDelete ? "Renaming threads is allowed here (allow-delete)." : "Thread files keep their name (links and clients find them by topic): move it back.",
      file,
      line: 1
    });
    return {
      result: {
        file,
        change: "renamed",
        from: change.from,
        entriesAdded: check2.entriesAdded,
        issues: check2.issues
      },
      touched: check2.touched
    };
  }
  const check = validateChange(change.status === "A" ? null : oldText, newText, file);
  return {
    result: {
      file,
      change: change.status === "A" ? "added" : "modified",
      entriesAdded: check.entriesAdded,
      issues: check.issues
    },
    touched: check.touched
  };
}
function only(result) {
  return { result, touched: [] };
}
function kindOf(status) {
  if (status === "A") return "added";
  if (status === "D") return "deleted";
  if (status.startsWith("R")) return "renamed";
  return "modified";
}

// core/validate/repo.ts
init_git();
import { existsSync as existsSync2, readFileSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
var ValidationRepo = class {
  git;
  cat = null;
  constructor(repo, env = {}) {
    this.git = new GitRunner({ gitDir: gitDirOf(repo), env });
  }
  /** The full sha of a commit, or null when this clone does not have it. */
  async commit(rev) {
    const r = await this.git.run(
      ["rev-parse", "--verify", "--quiet", "--end-of-options", `${rev}^{commit}`],
      { allowFailure: true }
    );
    return r.code === 0 ? r.stdout.trim() : null;
  }
  /** True in a shallow clone (actions/checkout's default `fetch-depth: 1`): parents may be missing. */
  async isShallow() {
    const r = await this.git.run(["rev-parse", "--is-shallow-repository"]);
    return r.stdout.trim() === "true";
  }
  async isAncestor(ancestor, of) {
    const r = await this.git.run(["merge-base", "--is-ancestor", ancestor, of], {
      allowFailure: true
    });
    if (r.code > 1) throw new Error(`git merge-base --is-ancestor failed: ${r.stderr.trim()}`);
    return r.code === 0;
  }
  async mergeBase(a, b) {
    const r = await this.git.run(["merge-base", a, b], { allowFailure: true });
    return r.code === 0 ? r.stdout.trim() : null;
  }
  /** The empty tree's id in this repository's hash (sha1 or sha256). */
  async emptyTree() {
    return (await this.git.run(["hash-object", "-t", "tree", "--stdin"], { input: "" })).stdout.trim();
  }
  /** The blob at `rev:path`, or null when there is none. */
  async blob(rev, path) {
    this.cat ??= this.git.catFile();
    const obj = await this.cat.get(`${rev}:${path}`);
    return obj === null || obj.type !== "blob" ? null : obj.content;
  }
  /** Many blobs at once: requests are pipelined into the one cat-file process. */
  blobs(requests) {
    return Promise.all(requests.map((r) => this.blob(r.rev, r.path)));
  }
  close() {
    this.cat?.close();
    this.cat = null;
  }
};
function gitDirOf(repo) {
  const start = resolve(repo);
  for (let dir = start; ; dir = dirname(dir)) {
    const dotGit = join(dir, ".git");
    try {
      const stat = statSync(dotGit);
      if (stat.isDirectory()) return dotGit;
      const pointer = /^gitdir:\s*(.+)$/m.exec(readFileSync(dotGit, "utf8"))?.[1]?.trim();
      if (pointer !== void 0) return isAbsolute(pointer) ? pointer : resolve(dir, pointer);
    } catch {
    }
    if (dirname(dir) === dir) return start;
  }
}
var UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
function decodeUtf8(buf) {
  try {
    return UTF8.decode(buf);
  } catch {
    return void 0;
  }
}
function short(sha) {
  return sha.slice(0, 7);
}

// core/validate/rewrites.ts
init_commit_message();
async function explainRewrites(repo, base, head, checked) {
  const { result, touched } = checked;
  const commits = await commitChanges(repo, base, head, result.file);
  const byIssue = new Map(touched.map((t) => [t.issue, t]));
  const out = [];
  for (const issue3 of result.issues) {
    if (!HISTORY_CODES.has(issue3.code)) {
      out.push(issue3);
      continue;
    }
    const entry = byIssue.get(issue3);
    const culprits = commits.filter(
      (c) => entry === void 0 ? c.codes.has(issue3.code) : c.entries.has(entry.key)
    );
    const sanctioned = entry !== void 0 && issue3.code === "ENTRY_EDITED" && culprits.length > 0 && culprits.every((c) => c.reason !== "" && c.entries.get(entry.key) === "edited");
    if (sanctioned) {
      for (const c of culprits) out.push(redactedNotice(issue3, entry, c));
      continue;
    }
    issue3.hint += blame(culprits, entry, issue3.code);
    out.push(issue3);
  }
  result.issues = out;
}
async function commitChanges(repo, base, head, path) {
  const log = await repo.git.run([
    "log",
    "--reverse",
    "--topo-order",
    "--no-renames",
    `--format=%H%x00%P%x00%(trailers:key=${REDACT_TRAILER},valueonly,separator=%x1f)%x1e`,
    ...base === null ? [head] : [`${base}..${head}`],
    "--",
    path
  ]);
  const commits = log.stdout.split("").map((s) => s.replace(/^\n/, "")).filter((s) => s !== "").map((s) => {
    const [sha = "", parents = "", reason = ""] = s.split("\0");
    return {
      sha,
      parents: parents.split(" ").filter((p) => p !== ""),
      reason: reason.split("")[0]?.trim() ?? ""
    };
  });
  const blobs = await repo.blobs(
    commits.flatMap((c) => [c.sha, ...c.parents].map((rev) => ({ rev, path })))
  );
  let at = 0;
  return commits.map((c) => {
    const after = blobs[at++];
    const befores = c.parents.map(() => blobs[at++]);
    const each = befores.map((before) => compare(before, after, path));
    const entries = /* @__PURE__ */ new Map();
    const codes = /* @__PURE__ */ new Set();
    const [first, ...rest] = each;
    for (const [key, how] of first?.entries ?? [])
      if (rest.every((r) => r.entries.has(key))) entries.set(key, how);
    for (const code of first?.codes ?? [])
      if (rest.every((r) => r.codes.has(code))) codes.add(code);
    return { sha: c.sha, reason: c.reason, entries, codes };
  });
}
function compare(before, after, path) {
  const none = { entries: /* @__PURE__ */ new Map(), codes: /* @__PURE__ */ new Set() };
  if (before == null || after == null) return none;
  const oldBytes = decodeUtf8(before);
  const newBytes = decodeUtf8(after);
  if (oldBytes === void 0 || newBytes === void 0) return none;
  const { oldText, newText } = comparable(oldBytes, newBytes, path);
  const check = checkAppendOnly(oldText ?? "", newText, path);
  const linked = new Set(check.touched.map((t) => t.issue));
  return {
    entries: new Map(check.touched.map((t) => [t.key, t.how])),
    codes: new Set(check.issues.filter((i) => !linked.has(i)).map((i) => i.code))
  };
}
function redactedNotice(issue3, t, c) {
  const what = `Entry ${t.index + 1}${t.entryId === null ? "" : ` (${t.entryId})`} by ${t.agent}${t.title === null ? "" : `, "${t.title}"`}`;
  return {
    code: "REDACTED",
    severity: "notice",
    message: `${what} was rewritten by commit ${short(c.sha)} (${REDACT_TRAILER}: ${c.reason}).`,
    hint: "A sanctioned rewrite: the commit carries a Watercooler-Redact trailer. Check that it removed only what it says.",
    file: issue3.file,
    line: issue3.line
  };
}
var UNSANCTIONED = {
  HEADER_CHANGED: "a change to the thread header",
  PREAMBLE_EDITED: "a change to the text before the first entry",
  APPEND_NOT_AT_END: "a change between entries"
};
function blame(culprits, entry, code) {
  const without = culprits.filter((c) => c.reason === "").map((c) => short(c.sha));
  let text = without.length === 0 ? "" : ` Rewritten without the trailer by ${without.join(", ")}.`;
  for (const c of culprits) {
    const how = entry === void 0 ? void 0 : c.entries.get(entry.key);
    if (c.reason === "" || how === "edited") continue;
    const what = how === void 0 ? UNSANCTIONED[code] ?? "this change" : `${how === "moved" ? "moving" : "deleting"} an entry`;
    text += ` Commit ${short(c.sha)} carries a ${REDACT_TRAILER} trailer, but the trailer sanctions only rewriting an entry's body, not ${what}.`;
  }
  return text;
}

// core/validate/range.ts
var FETCH_HINT = "Check out the whole history (actions/checkout with `fetch-depth: 0`), or fetch the commit before validating.";
async function validateRange(options) {
  const repo = new ValidationRepo(options.repo, options.env);
  try {
    return await runRange(repo, options);
  } finally {
    repo.close();
  }
}
async function runRange(repo, options) {
  const issues = [];
  const report2 = (threadsDir2, threads2 = []) => ({
    base: options.base,
    head: options.head,
    threadsDir: threadsDir2,
    threadsChecked: threads2.length,
    entriesAdded: threads2.reduce((n, t) => n + t.entriesAdded, 0),
    issues: [...issues, ...threads2.flatMap((t) => t.issues)],
    threads: threads2
  });
  const head = await repo.commit(options.head);
  const base = options.base === null ? null : await repo.commit(options.base);
  if (head === null || options.base !== null && base === null) {
    const missing2 = head === null ? options.head : options.base;
    issues.push(
      repoIssue(
        "COMMIT_MISSING",
        `Commit ${missing2} is not in this clone, so the range cannot be checked.`,
        FETCH_HINT
      )
    );
    return report2(options.threadsDir ?? "");
  }
  if (options.requireAncestor === true && base !== null && !await repo.isAncestor(base, head)) {
    issues.push(
      repoIssue(
        "HISTORY_REWRITTEN",
        `History was rewritten: ${short(base)} (before the push) is not an ancestor of ${short(head)} (after it) — a forced push.`,
        rewrittenHistoryHint(base)
      )
    );
  }
  const threadsDir = repoThreadsDir(options.threadsDir) ?? await detectThreadsDir(repo, head);
  const from = base ?? await repo.emptyTree();
  const changes = await changedThreads(repo, from, head, threadsDir);
  const requests = changes.flatMap((c) => [
    { rev: from, path: c.from ?? c.path },
    { rev: head, path: c.path }
  ]);
  const blobs = await repo.blobs(requests);
  const threads = [];
  const walk = [];
  for (const [i, change] of changes.entries()) {
    const oldBuf = blobs[i * 2] ?? null;
    const newBuf = blobs[i * 2 + 1] ?? null;
    const oldText = oldBuf === null ? null : decodeUtf8(oldBuf);
    const newText = newBuf === null ? null : decodeUtf8(newBuf);
    if (threadsDir === "" && !looksLikeThread(oldText) && !looksLikeThread(newText)) continue;
    const checked = checkChange(change, oldText, newText, options.allowDelete === true);
    threads.push(checked.result);
    if (checked.result.issues.some((i2) => HISTORY_CODES.has(i2.code))) walk.push(checked);
  }
  for (const item of walk) await explainRewrites(repo, base, head, item);
  const hint = mergeHint(options.mergeTarget ?? "origin/main", mergeDriverCommand());
  for (const issue3 of threads.flatMap((t) => t.issues))
    if (isMergeDamage(issue3)) issue3.hint += hint;
  return report2(threadsDir, threads);
}
async function changedThreads(repo, from, head, threadsDir) {
  const pathspec = threadsDir === "" ? ["."] : [`${threadsDir}/`];
  const r = await repo.git.run([
    "diff",
    "--name-status",
    "-z",
    "-M",
    "--no-ext-diff",
    "--no-textconv",
    from,
    head,
    "--",
    ...pathspec
  ]);
  const parts = r.stdout.split("\0");
  const out = [];
  for (let i = 0; i < parts.length; ) {
    const status = parts[i++] ?? "";
    if (status === "") continue;
    if (status.startsWith("R") || status.startsWith("C")) {
      const src = parts[i++] ?? "";
      const dst = parts[i++] ?? "";
      const srcIn = isThreadPath(src, threadsDir);
      const dstIn = isThreadPath(dst, threadsDir);
      if (status.startsWith("C")) {
        if (dstIn) out.push({ status: "A", path: dst });
      } else if (srcIn && dstIn) out.push({ status, path: dst, from: src });
      else if (srcIn) out.push({ status: "D", path: src });
      else if (dstIn) out.push({ status: "A", path: dst });
      continue;
    }
    const path = parts[i++] ?? "";
    if (isThreadPath(path, threadsDir) && /^[ADMT]/.test(status))
      out.push({ status: status[0] === "T" ? "M" : status[0], path });
  }
  return out;
}
async function detectThreadsDir(repo, head) {
  const config2 = await repo.blob(head, "watercooler.json");
  const read = config2 === null ? null : await parseConfig(config2.toString("utf8"), "watercooler.json");
  return findThreadsDir(
    {
      entries: async (dir) => {
        const r = await repo.git.run(["ls-tree", "-z", dir === "" ? head : `${head}:${dir}`], {
          allowFailure: true
        });
        return r.stdout.split("\0").flatMap((line) => {
          const m = /^(\d+) (\w+) ([0-9a-f]+)\t(.+)$/s.exec(line);
          if (m === null) return [];
          const type = m[2] === "tree" ? "dir" : m[1]?.startsWith("100") ? "file" : "other";
          return [{ name: m[4] ?? "", type, id: m[3] ?? "" }];
        });
      },
      text: async (path) => {
        const blob = await repo.blob(head, path);
        return blob === null ? null : decodeUtf8(blob) ?? null;
      }
    },
    read?.config.threadsDir
  );
}
function repoIssue(code, message, hint) {
  return { code, severity: "error", message, hint, file: "", line: 0 };
}

// core/validate/event.ts
var ZERO = /^0+$/;
async function resolveRange(repoPath, request, env = {}) {
  const repo = new ValidationRepo(repoPath, env);
  try {
    return await resolve2(repo, request);
  } finally {
    repo.close();
  }
}
async function resolve2(repo, request) {
  if (request.kind === "refs") {
    return {
      base: request.base,
      head: request.head,
      requireAncestor: false,
      description: `${request.base ?? "(empty)"}..${request.head}`
    };
  }
  if (await repo.isShallow())
    return shallow(request.kind === "push" ? request.after : request.head);
  if (request.kind === "pull_request") return resolvePullRequest(repo, request);
  const after = request.after;
  if (ZERO.test(after)) {
    return {
      base: null,
      head: after,
      requireAncestor: false,
      description: "a deleted branch: nothing to check",
      skip: true
    };
  }
  if (!ZERO.test(request.before)) {
    if (await repo.commit(request.before) === null) return forcedAway(request);
    return {
      base: request.before,
      head: after,
      requireAncestor: true,
      description: `${short(request.before)}..${short(after)} (push)`
    };
  }
  return resolveNewBranch(repo, request);
}
async function resolvePullRequest(repo, request) {
  const base = await repo.commit(request.base);
  const head = await repo.commit(request.head);
  if (base === null || head === null)
    return missing(request.head, base === null ? request.base : request.head);
  const mergeBase = await repo.mergeBase(base, head);
  if (mergeBase === null) {
    return {
      base,
      head,
      requireAncestor: false,
      description: `${short(base)}..${short(head)} (no merge base: unrelated histories)`
    };
  }
  return {
    base: mergeBase,
    head,
    requireAncestor: false,
    description: `merge-base ${short(mergeBase)}..${short(head)} (pull request)`
  };
}
async function resolveNewBranch(repo, request) {
  const after = request.after;
  const onDefault = request.defaultBranch !== void 0 && request.ref === `refs/heads/${request.defaultBranch}`;
  if (request.defaultBranch !== void 0 && !onDefault) {
    const tip = await repo.commit(`refs/remotes/origin/${request.defaultBranch}`);
    const mergeBase = tip === null ? null : await repo.mergeBase(tip, after);
    if (mergeBase !== null) {
      return {
        base: mergeBase,
        head: after,
        requireAncestor: false,
        description: `merge-base with ${request.defaultBranch} ${short(mergeBase)}..${short(after)} (new branch)`
      };
    }
  }
  const first = request.firstCommit === void 0 ? null : await repo.commit(request.firstCommit);
  const start = first ?? after;
  const parent = await repo.commit(`${start}^1`);
  if (parent === null) {
    return {
      base: null,
      head: after,
      requireAncestor: false,
      description: `every thread in ${short(after)} (new branch from a root commit)`
    };
  }
  return {
    base: parent,
    head: after,
    requireAncestor: false,
    description: `${short(parent)}..${short(after)} (new branch)`
  };
}
function missing(head, sha) {
  return {
    base: null,
    head,
    requireAncestor: false,
    description: "cannot check the pull request",
    issue: {
      code: "COMMIT_MISSING",
      severity: "error",
      message: `Commit ${sha} of the pull request is not in this clone (its branch was force-pushed since this run was triggered), so its threads cannot be checked.`,
      hint: "Re-run the check on the pull request as it now stands (push to it, or re-run the workflow from its latest run).",
      file: "",
      line: 0
    }
  };
}
function shallow(head) {
  return {
    base: null,
    head,
    requireAncestor: false,
    description: "cannot check a shallow checkout",
    issue: {
      code: "SHALLOW_CLONE",
      severity: "error",
      message: "This checkout is shallow (actions/checkout fetches one commit unless told otherwise), so the commits the threads are compared with are not here and nothing can be checked.",
      hint: "Give actions/checkout `with: fetch-depth: 0` (the whole history) in the workflow.",
      file: "",
      line: 0
    }
  };
}
function forcedAway(request) {
  const branch = request.ref?.replace(/^refs\/heads\//, "");
  const how = request.forced === true ? "a forced push" : "the push";
  return {
    base: null,
    head: request.after,
    requireAncestor: false,
    description: `history rewritten from ${short(request.before)}`,
    issue: {
      code: "HISTORY_REWRITTEN",
      severity: "error",
      message: `History was rewritten by ${how}: ${branch ?? "the branch"} was at ${request.before} and is now at ${short(request.after)}, and ${short(request.before)} is no longer in its history, so what the push removed cannot be checked.`,
      hint: rewrittenHistoryHint(request.before, branch),
      file: "",
      line: 0
    }
  };
}

// action/report.ts
function annotate(sink, issues) {
  for (const issue3 of issues) {
    const properties = {};
    if (issue3.file !== "") {
      properties.file = issue3.file;
      if (issue3.line > 0) properties.startLine = issue3.line;
    }
    const text = `${issue3.code}: ${issue3.message}${issue3.hint === "" ? "" : `
${issue3.hint}`}`;
    sink[issue3.severity](text, properties);
  }
}
function setOutputs(sink, result) {
  sink.setOutput("threads-checked", String(result.report.threadsChecked));
  sink.setOutput("entries-added", String(result.report.entriesAdded));
  sink.setOutput("issues", String(result.errors + result.warnings));
}
function summaryMarkdown(result, strict) {
  const { report: report2 } = result;
  const verdict = result.failed ? "❌ Thread history check failed" : "✅ Thread history is append-only";
  const out = [`## ${verdict}`, ""];
  out.push(
    `Range: ${escape(result.range.description)} · threads folder: \`${report2.threadsDir === "" ? "/" : report2.threadsDir}\`` + (strict ? " · strict" : ""),
    "",
    `**${report2.threadsChecked}** thread${report2.threadsChecked === 1 ? "" : "s"} checked, **${report2.entriesAdded}** entr${report2.entriesAdded === 1 ? "y" : "ies"} added; ${result.errors} error${result.errors === 1 ? "" : "s"}, ${result.warnings} warning${result.warnings === 1 ? "" : "s"}, ${result.notices} notice${result.notices === 1 ? "" : "s"}.`,
    ""
  );
  const general = report2.issues.filter((i) => i.file === "");
  for (const issue3 of general)
    out.push(
      `- **${issue3.severity}** \`${issue3.code}\`: ${escape(issue3.message)} ${escape(issue3.hint)}`
    );
  if (general.length > 0) out.push("");
  if (report2.threads.length > 0) {
    out.push(
      "| Thread | Change | Entries added | Errors | Warnings | Notices |",
      "|---|---|---:|---:|---:|---:|"
    );
    for (const t of report2.threads) {
      const n = (s) => t.issues.filter((i) => i.severity === s).length;
      const name = t.from === void 0 ? `\`${t.file}\`` : `\`${t.from}\` → \`${t.file}\``;
      out.push(
        `| ${name} | ${t.change} | ${t.entriesAdded} | ${n("error")} | ${n("warning")} | ${n("notice")} |`
      );
    }
    out.push("");
  }
  const located = report2.issues.filter((i) => i.file !== "");
  if (located.length > 0) {
    out.push("| Severity | Where | Code | Finding |", "|---|---|---|---|");
    for (const i of located)
      out.push(
        `| ${i.severity} | \`${i.file}:${i.line}\` | \`${i.code}\` | ${escape(i.message)}<br>${escape(i.hint)} |`
      );
    out.push("");
  }
  return out.join("\n");
}
function escape(text) {
  return text.replace(/\|/g, "\\|").replace(/</g, "&lt;").replace(/\r?\n/g, " ");
}

// action/run.ts
async function validateEvent(options) {
  const request = requestFor(options.eventName, options.event, options.sha);
  const range = await resolveRange(options.workspace, request, options.env);
  let report2;
  if (range.issue !== void 0 || range.skip === true) {
    const issues = range.issue === void 0 ? [] : [range.issue];
    report2 = {
      base: range.base,
      head: range.head,
      threadsDir: options.threadsDir ?? "",
      threadsChecked: 0,
      entriesAdded: 0,
      issues,
      threads: []
    };
  } else {
    report2 = await validateRange({
      repo: options.workspace,
      base: range.base,
      head: range.head,
      threadsDir: options.threadsDir,
      allowDelete: options.allowDelete,
      requireAncestor: range.requireAncestor,
      env: options.env,
      mergeTarget: mergeTargetFor(options.eventName, options.event)
    });
  }
  const count = (s) => report2.issues.filter((i) => i.severity === s).length;
  return {
    range,
    report: report2,
    issues: report2.issues,
    errors: count("error"),
    warnings: count("warning"),
    notices: count("notice"),
    failed: isFailing(report2.issues, options.strict)
  };
}
function mergeTargetFor(eventName, event) {
  const e = event ?? {};
  const ref = eventName.startsWith("pull_request") ? e.pull_request?.base?.ref : void 0;
  const branch = typeof ref === "string" && ref !== "" ? ref : e.repository?.default_branch;
  return `origin/${typeof branch === "string" && branch !== "" ? branch : "main"}`;
}
function requestFor(eventName, event, sha) {
  const e = event ?? {};
  const str = (v) => typeof v === "string" && v !== "" ? v : void 0;
  const obj = (v) => v !== null && typeof v === "object" ? v : {};
  if (eventName === "push") {
    const before = str(e.before);
    const after = str(e.after);
    if (before === void 0 || after === void 0)
      throw new Error("The push event payload has no before/after commits.");
    const commits = Array.isArray(e.commits) ? e.commits : [];
    return {
      kind: "push",
      before,
      after,
      ref: str(e.ref),
      defaultBranch: str(obj(e.repository).default_branch),
      firstCommit: str(obj(commits[0]).id),
      forced: e.forced === true
    };
  }
  if (eventName === "pull_request" || eventName === "pull_request_target") {
    const pr = obj(e.pull_request);
    const base = str(obj(pr.base).sha);
    const head = str(obj(pr.head).sha);
    if (base === void 0 || head === void 0)
      throw new Error(`The ${eventName} event payload has no base/head commits.`);
    return { kind: "pull_request", base, head };
  }
  if (eventName === "merge_group") {
    const group = obj(e.merge_group);
    const base = str(group.base_sha);
    const head = str(group.head_sha);
    if (base === void 0 || head === void 0)
      throw new Error("The merge_group event payload has no base/head commits.");
    return { kind: "pull_request", base, head };
  }
  return { kind: "refs", base: null, head: sha ?? "HEAD" };
}

// action/main.ts
async function run() {
  try {
    const strict = booleanInput("strict");
    const eventPath = process.env.GITHUB_EVENT_PATH;
    const event = eventPath === void 0 || eventPath === "" ? {} : JSON.parse(readFileSync2(eventPath, "utf8"));
    const threadsDir = getInput("threads-dir");
    const result = await validateEvent({
      workspace: process.env.GITHUB_WORKSPACE ?? process.cwd(),
      eventName: process.env.GITHUB_EVENT_NAME ?? "",
      event,
      sha: process.env.GITHUB_SHA,
      threadsDir: threadsDir === "" ? void 0 : threadsDir,
      allowDelete: booleanInput("allow-delete"),
      strict,
      env: process.env
    });
    const sink = { error, warning, notice, setOutput };
    annotate(sink, result.issues);
    setOutputs(sink, result);
    info(
      `Checked ${result.report.threadsChecked} thread(s) over ${result.range.description}: ${result.report.entriesAdded} entr(ies) added, ${result.errors} error(s), ${result.warnings} warning(s), ${result.notices} notice(s).`
    );
    if (process.env.GITHUB_STEP_SUMMARY)
      await summary.addRaw(summaryMarkdown(result, strict), true).write();
    if (result.failed) {
      const counted = strict ? result.errors + result.warnings : result.errors;
      setFailed(
        `${counted} thread history issue(s) found${strict && result.warnings > 0 ? " (strict: warnings count)" : ""}. See the annotations.`
      );
    }
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    setFailed(redact(`Watercooler validation could not run: ${message}`));
  }
}
function booleanInput(name) {
  const value = getInput(name).trim();
  if (value === "") return false;
  if (/^(true|True|TRUE)$/.test(value)) return true;
  if (/^(false|False|FALSE)$/.test(value)) return false;
  throw new TypeError(`Input "${name}" must be true or false, not "${value}".`);
}

// action/index.ts
void run();
