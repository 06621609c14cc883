import { closeSync, openSync, writeSync } from 'node:fs';

const PAGE_SIZE = 4096;

/** Overwrites 64 bytes in the middle of each page, as a failing disk would. */
export function scribble(file: string, pages: number[]): void {
  const fd = openSync(file, 'r+');
  try {
    for (const page of pages) writeSync(fd, Buffer.alloc(64, 0x5a), 0, 64, (page - 1) * PAGE_SIZE + 1024);
  } finally {
    closeSync(fd);
  }
}
