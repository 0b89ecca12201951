// The CLI's file system and standard input on Node, for main.ts and the in-process tests.
import { closeSync, openSync, readSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { EntryKind, InputFs } from './collect-inputs.ts';

const kindOf = (s: { isDirectory(): boolean; isFile(): boolean }): EntryKind =>
  s.isDirectory() ? 'directory' : s.isFile() ? 'file' : 'other';

export const nodeFs: InputFs = {
  kind: async (path) => kindOf(await stat(path)),
  list: async (path) =>
    Promise.all(
      (await readdir(path, { withFileTypes: true })).map(async (e) => {
        if (!e.isSymbolicLink()) return { name: e.name, kind: kindOf(e) };
        // A link to a file is read; a link to a directory is not walked into (as filepath.Walk).
        const target = await stat(join(path, e.name)).catch(() => null);
        return {
          name: e.name,
          kind: target === null || target.isFile() ? ('file' as const) : ('other' as const),
        };
      }),
    ),
  readFile: async (path) => readFile(path),
  join,
};

export async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The size of the pieces a streamed file is read in. */
const CHUNK_BYTES = 1 << 14;

/**
 * A file's bytes in pieces of one reused buffer (each piece is valid until the next is asked
 * for), read synchronously: no stream machinery to load, no promise per piece.
 */
export function* fileChunks(path: string): Generator<Uint8Array> {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    for (;;) {
      const n = readSync(fd, buffer, 0, CHUNK_BYTES, null);
      if (n === 0) return;
      yield buffer.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}

/** Standard input in the pieces it arrives in. */
export async function* readStdinChunks(): AsyncGenerator<Uint8Array> {
  for await (const chunk of process.stdin) yield chunk as Buffer;
}
