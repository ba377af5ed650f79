/**
 * The largest entry any surface accepts, in UTF-8 bytes of its body (title and header lines are
 * one line each). The CLI, the stdio MCP server and the HTTP MCP server all refuse a larger one
 * the same way, because the check is in the operation itself; the HTTP transport's own request
 * limit sits above it so that this error, not a bare 413, is what a client sees. 1 MiB keeps a
 * thread readable by every reader (GitHub's contents API serves files up to 1 MB directly) and
 * is far more than a message needs; large material belongs in a file the entry links to.
 */
export const MAX_ENTRY_BYTES = 1024 * 1024;
