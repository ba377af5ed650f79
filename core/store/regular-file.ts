import { type Stats, closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';

// A FIFO opened without O_NONBLOCK would wait for a writer forever; a symlink is never followed.
const READ_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

export interface RegularFile {
  text: string;
  stat: Stats;
}

/**
 * Reads a regular file without following a symlink or waiting on a pipe; null when the path is
 * missing or is not a regular file (a symlink, a FIFO, a folder): a threads folder anyone can
 * push to may hold any of them, and none may lead a read out of it or hang it.
 */
export function readRegularFile(path: string): RegularFile | null {
  let fd: number;
  try {
    fd = openSync(path, READ_FLAGS);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ELOOP' || code === 'ENOTDIR') return null;
    throw err;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return null;
    return { text: readFileSync(fd, 'utf8'), stat };
  } finally {
    closeSync(fd);
  }
}
