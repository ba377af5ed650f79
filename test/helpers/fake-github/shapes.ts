/**
 * Response bodies of the fake GitHub, shaped like GitHub's REST documentation (the fields our
 * code and Octokit look at, plus the usual URLs so nothing downstream trips on a missing key).
 */
import { createHash } from 'node:crypto';

export interface RepoRecord {
  id: number;
  owner: string;
  ownerType: 'User' | 'Organization';
  name: string;
  private: boolean;
  defaultBranch: string;
  description: string | null;
  createdAt: string;
}

const DOCS = 'https://docs.github.com/rest';

export function errorBody(
  status: number,
  message: string,
  docs = DOCS,
  extra: object = {},
): object {
  return { message, documentation_url: docs, status: String(status), ...extra };
}

/** GitHub wraps base64 content at 60 characters per line. */
export function wrapBase64(data: Buffer): string {
  const b64 = data.toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 60) lines.push(b64.slice(i, i + 60));
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/** A weak ETag over the response body, as GitHub sends for JSON resources. */
export function etagOf(body: string): string {
  return `W/"${createHash('sha256').update(body).digest('hex').slice(0, 40)}"`;
}

export function repoJson(
  base: string,
  repo: RepoRecord,
  permissions: { admin: boolean; push: boolean; pull: boolean },
): object {
  const full = `${repo.owner}/${repo.name}`;
  return {
    id: repo.id,
    node_id: `R_${repo.id}`,
    name: repo.name,
    full_name: full,
    owner: { login: repo.owner, id: repo.id + 1000, type: repo.ownerType },
    private: repo.private,
    visibility: repo.private ? 'private' : 'public',
    description: repo.description,
    fork: false,
    html_url: `${base}/${full}`,
    url: `${base}/repos/${full}`,
    clone_url: `${base}/${full}.git`,
    default_branch: repo.defaultBranch,
    created_at: repo.createdAt,
    permissions: {
      admin: permissions.admin,
      maintain: permissions.admin,
      push: permissions.push,
      triage: permissions.push,
      pull: permissions.pull,
    },
  };
}

export function contentFileJson(
  base: string,
  full: string,
  path: string,
  sha: string,
  data: Buffer | null,
  ref: string,
): object {
  const name = path.split('/').pop() ?? path;
  const url = `${base}/repos/${full}/contents/${path}?ref=${encodeURIComponent(ref)}`;
  const gitUrl = `${base}/repos/${full}/git/blobs/${sha}`;
  const body: Record<string, unknown> = {
    type: 'file',
    name,
    path,
    sha,
    size: data?.length ?? 0,
    url,
    html_url: `${base}/${full}/blob/${ref}/${path}`,
    git_url: gitUrl,
    download_url: `${base}/raw/${full}/${ref}/${path}`,
    _links: { self: url, git: gitUrl, html: `${base}/${full}/blob/${ref}/${path}` },
  };
  if (data !== null) {
    // Files over 1 MB come without content (encoding "none"): fetch the blob instead.
    const large = data.length > 1024 * 1024;
    body.content = large ? '' : wrapBase64(data);
    body.encoding = large ? 'none' : 'base64';
  }
  return body;
}

export function commitJson(
  base: string,
  full: string,
  sha: string,
  info: {
    tree: string;
    parents: string[];
    message: string;
    author: { name: string; email: string; date: string };
    committer: { name: string; email: string; date: string };
  },
): object {
  return {
    sha,
    node_id: `C_${sha}`,
    url: `${base}/repos/${full}/git/commits/${sha}`,
    html_url: `${base}/${full}/commit/${sha}`,
    author: info.author,
    committer: info.committer,
    message: info.message,
    tree: { sha: info.tree, url: `${base}/repos/${full}/git/trees/${info.tree}` },
    parents: info.parents.map((p) => ({
      sha: p,
      url: `${base}/repos/${full}/git/commits/${p}`,
      html_url: `${base}/${full}/commit/${p}`,
    })),
    verification: { verified: false, reason: 'unsigned', signature: null, payload: null },
  };
}

/** RFC 8288 Link header for page-numbered pagination, as GitHub sends it. */
export function linkHeader(url: URL, page: number, last: number): string | null {
  const at = (p: number): string => {
    const u = new URL(url.href);
    u.searchParams.set('page', String(p));
    return `<${u.href}>`;
  };
  const links: string[] = [];
  if (page > 1) links.push(`${at(page - 1)}; rel="prev"`, `${at(1)}; rel="first"`);
  if (page < last) links.push(`${at(page + 1)}; rel="next"`, `${at(last)}; rel="last"`);
  return links.length === 0 ? null : links.join(', ');
}
