// Turns the command line's paths into the files to read, as kubectl -f does: a file is read
// whatever its name, a directory gives its .json, .yaml and .yml files in lexical order (its
// subdirectories too with --recursive), `-` is standard input. Every file is decoded as strict
// UTF-8 by the app's one decoder; a path that cannot be read is a refusal, not a diagnostic.
import { decodeUtf8 } from '../model/decode-utf8.ts';

export type EntryKind = 'file' | 'directory' | 'other';

/** The file system as the CLI needs it; node-io.ts binds it to Node. */
export interface InputFs {
  /** What a path names, following symbolic links. */
  readonly kind: (path: string) => Promise<EntryKind>;
  /** A directory's entries; a symbolic link to a directory is `other` (never followed). */
  readonly list: (path: string) => Promise<readonly { name: string; kind: EntryKind }[]>;
  readonly readFile: (path: string) => Promise<Uint8Array>;
  readonly join: (dir: string, name: string) => string;
}

/** A path that cannot be read: the CLI refuses the input (exit 2). */
export interface Refusal {
  readonly code: 'no-such-file' | 'permission-denied' | 'unreadable' | 'too-large';
  readonly message: string;
  readonly file: string;
}

export type InputText =
  | { readonly name: string; readonly ok: true; readonly text: string }
  | {
      readonly name: string;
      readonly ok: false;
      readonly line: number;
      readonly column: number;
      readonly message: string;
    };

export interface CollectedInputs {
  readonly inputs: readonly InputText[];
  readonly refusals: readonly Refusal[];
}

const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The platform's decoder for valid text (many times faster on a large file), the app's own for
 * the verdict on invalid text: both follow the WHATWG decoder's fatal mode, so they agree on what
 * is valid, and only the app's says where the first bad byte is.
 */
function decode(data: Uint8Array): ReturnType<typeof decodeUtf8> {
  try {
    return { ok: true, text: fatal.decode(data) };
  } catch {
    return decodeUtf8(data);
  }
}

/** kubectl's FileExtensions; matched case-sensitively, as filepath.Ext is compared. */
const MANIFEST = /\.(json|yaml|yml)$/;

/** Go's sort.Strings order: by UTF-8 bytes, so `10.yaml` < `9.yaml` < `B.yaml` < `a.yaml`. */
const byBytes = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

export function refusalOf(file: string, err: unknown): Refusal {
  const code = (err as { code?: string } | null)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR')
    return { code: 'no-such-file', message: 'no such file or directory', file };
  if (code === 'EACCES' || code === 'EPERM')
    return { code: 'permission-denied', message: 'permission denied', file };
  const why = err instanceof Error ? err.message.replace(/^\w+: /, '') : String(err);
  return { code: 'unreadable', message: `cannot be read: ${why}`, file };
}

/** The files a directory contributes, depth first in lexical order like filepath.Walk. */
async function walk(dir: string, recursive: boolean, fs: InputFs): Promise<string[]> {
  const entries = [...(await fs.list(dir))].sort((a, b) => byBytes(a.name, b.name));
  const files: string[] = [];
  for (const e of entries) {
    const path = fs.join(dir, e.name);
    if (e.kind === 'directory') {
      if (recursive) files.push(...(await walk(path, recursive, fs)));
    } else if (e.kind === 'file' && MANIFEST.test(e.name)) {
      files.push(path);
    }
  }
  return files;
}

/**
 * The most text the CLI reads: the files are joined into one string, and a JavaScript string
 * holds at most this many characters (a UTF-8 byte is at most one).
 */
export const MAX_INPUT_BYTES = 0x1fffffe8;

/** What the paths name, in reading order: a file (`-`: standard input) or a path refused. */
export type Listed = { readonly file: string } | { readonly refusal: Refusal };

/** The files the paths give, in the order they are read, and the paths refused among them. */
export async function listInputs(
  paths: readonly string[],
  recursive: boolean,
  fs: InputFs,
): Promise<Listed[]> {
  const listed: Listed[] = [];
  let stdinListed = false;
  for (const path of paths) {
    if (path === '-') {
      // Standard input can be read once.
      if (!stdinListed) listed.push({ file: '-' });
      stdinListed = true;
      continue;
    }
    let kind: EntryKind;
    try {
      kind = await fs.kind(path);
    } catch (err) {
      listed.push({ refusal: refusalOf(path, err) });
      continue;
    }
    if (kind !== 'directory') {
      listed.push({ file: path });
      continue;
    }
    try {
      for (const file of await walk(path, recursive, fs)) listed.push({ file });
    } catch (err) {
      listed.push({ refusal: refusalOf(path, err) });
    }
  }
  return listed;
}

export async function collectInputs(
  paths: readonly string[],
  recursive: boolean,
  fs: InputFs,
  stdin: () => Promise<Uint8Array>,
  maxBytes = MAX_INPUT_BYTES,
  listed?: readonly Listed[],
): Promise<CollectedInputs> {
  const inputs: InputText[] = [];
  const refusals: Refusal[] = [];
  let total = 0;
  const read = async (name: string, bytes: () => Promise<Uint8Array>) => {
    let data: Uint8Array;
    try {
      data = await bytes();
    } catch (err) {
      refusals.push(refusalOf(name, err));
      return;
    }
    total += data.length;
    if (total > maxBytes) {
      refusals.push({
        code: 'too-large',
        message: `too large: the input reaches ${total} bytes with this file; the limit is ${maxBytes}`,
        file: name,
      });
      return;
    }
    const decoded = decode(data);
    inputs.push(
      decoded.ok
        ? { name, ok: true, text: decoded.text }
        : {
            name,
            ok: false,
            line: decoded.line,
            column: decoded.column,
            message: decoded.message,
          },
    );
  };

  for (const item of listed ?? (await listInputs(paths, recursive, fs))) {
    if ('refusal' in item) refusals.push(item.refusal);
    else if (item.file === '-') await read('-', stdin);
    else await read(item.file, () => fs.readFile(item.file));
  }
  return { inputs, refusals };
}
