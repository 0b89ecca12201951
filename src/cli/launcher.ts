// The `netpol-canvas` executable: sets the V8 flags the CLI is tuned for, then runs the bundled
// command (netpol-canvas.core.cjs, built from main.ts) from V8's code cache when one is stored for
// it. Compiling the bundle's ~400 KB on every start is a fixed part of each run (about 20 ms of a
// 5,000-pod analyze); Node 22.1+ has module.enableCompileCache for that, Node 20 only vm.Script's
// cachedData, used here. Emitted as it is (types stripped) by vite.cli.config.ts, which puts the
// bundle's content hash in place of CORE_HASH; only Node built-ins, no project imports.
import type * as NodeFs from 'node:fs';
import type * as NodeModule from 'node:module';
import type * as NodeOs from 'node:os';
import type * as NodePath from 'node:path';
import type * as NodeUrl from 'node:url';
import type * as NodeV8 from 'node:v8';
import type * as NodeVm from 'node:vm';

/** Replaced by the bundle's SHA-256 when built (the V8 cache checks only the source's length). */
const CORE_HASH = '__NETPOL_CANVAS_CORE_HASH__';
const CORE_FILE = 'netpol-canvas.core.cjs';
const COMMANDS = ['analyze', 'validate', 'lint', 'diff', 'check'];

// Built-ins without their ES module facades (building one reads every export of the module):
// process.getBuiltinModule from Node 20.16 and 22.3, a CommonJS require on the releases between.
const load: (name: string) => unknown =
  typeof process.getBuiltinModule === 'function'
    ? (name) => process.getBuiltinModule(name)
    : (await import('node:module')).createRequire(import.meta.url);
const builtin = <T>(name: string) => load(name) as T;
const fs = builtin<typeof NodeFs>('node:fs');
const { dirname, join } = builtin<typeof NodePath>('node:path');
const nodeModule = builtin<typeof NodeModule & { enableCompileCache?: (dir?: string) => unknown }>(
  'node:module',
);

// A run is short and most of its code runs a few thousand times; optimising compilation (on other
// threads, but CPU all the same) is about a quarter of a 5,000-pod analyze. So: no inlining in the
// optimising compiler (it costs more compile time than it saves: 5,000 pods about 15% less CPU,
// 20,000 pods and 12,000 policies 15-25% less), and an interrupt budget eight times V8 11's default
// (67,584): a function is optimised only after running about eight times as long, so the many that
// run briefly stay in the interpreter and baseline code (5,000 pods, with or without cluster
// policies, about 15% less CPU; 20,000 pods and 12,000 policies unchanged; 100,000 pods about 5%
// more, far within its target).
// The young generation stays at its first size (1 MiB semi-spaces) instead of doubling up to 16:
// what a read keeps (the model) is promoted after two small collections either way, and the rest
// dies young; the larger spaces only cost page faults and copying (5-15% less CPU on every
// benchmark row, 20-30 MiB less peak RSS). Later V8s clamp that factor to 2.
// Young collections run on the main thread alone: V8 reads this flag at each collection (with it
// set here the collector's helper threads record no scavenging time, --trace-gc-nvp), and with
// 1 MiB semi-spaces a helper costs more CPU to start and synchronise than it takes off the main
// thread (5,000 pods about 5% less CPU with or without cluster policies, 20,000 pods about 3%).
// V8 checks a code cache's header and length, but not its bytes unless asked: a damaged file
// (a disk error, a bit flip) would crash the deserialiser, so caches carry V8's checksum.
// Only the compiler's and collector's choices change, never a result. Set before the bundle is
// compiled (V8 rejects a code cache made under other flags), and only on the Node versions these
// flags exist in (V8 prints an error for a flag it no longer knows); measured on Node 20. The
// other heap flags (semi-space sizes, single-threaded GC, concurrent recompilation) are fixed when
// the isolate starts: set here they change nothing, and `--single-threaded-gc` even aborts the
// process at exit.
const FLAGS =
  '--no-turbo-inlining --interrupt-budget=528000 --semi-space-growth-factor=1 --no-parallel-scavenge --verify-snapshot-checksum';
if (/^v2[0-4]\./.test(process.version)) builtin<typeof NodeV8>('node:v8').setFlagsFromString(FLAGS);

// (import.meta.dirname only from Node 20.11 and 21.2.)
const core = builtin<typeof NodeUrl>('node:url').fileURLToPath(new URL(CORE_FILE, import.meta.url));
const requireCore = nodeModule.createRequire(core);
const off =
  (process.env.NETPOL_CANVAS_NO_CACHE ?? '') !== '' && process.env.NETPOL_CANVAS_NO_CACHE !== '0';

/**
 * A directory only this user can write to, for the cache: $XDG_CACHE_HOME (or ~/.cache)
 * /netpol-canvas, else one in the temporary directory; null when neither can be made.
 */
function cacheDir(): string | null {
  const os = builtin<typeof NodeOs>('node:os');
  const xdg = process.env.XDG_CACHE_HOME;
  const uid = typeof process.getuid === 'function' ? process.getuid() : null;
  const candidates = [
    join(
      xdg !== undefined && xdg.startsWith('/') ? xdg : join(os.homedir(), '.cache'),
      'netpol-canvas',
    ),
    join(os.tmpdir(), `netpol-canvas-${uid ?? 'user'}`),
  ];
  for (const dir of candidates) {
    try {
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      const st = fs.statSync(dir);
      // Code read from here runs as this user: never from a directory others can write to.
      if (st.isDirectory() && (uid === null || st.uid === uid) && (st.mode & 0o022) === 0)
        return dir;
    } catch {
      // Not writable or not there: the next candidate, or no cache.
    }
  }
  return null;
}

/**
 * The bundle compiled with its cached code when that is stored and V8 takes it; when not, the code
 * compiled in this run (the functions the run needed included) is stored as the process exits.
 * One file per command (each runs different functions), per bundle, Node version and flags.
 */
function runCached(dir: string): void {
  const vm = builtin<typeof NodeVm>('node:vm');
  // The commands of args.ts that read input (each its own code paths); anything else, a typo
  // included, shares one file rather than leaving one behind per word.
  const first = process.argv[2] ?? '';
  const command = COMMANDS.includes(first) ? first : 'other';
  const variant = `${process.version}-${process.arch}-${FLAGS}-${process.execArgv.join(' ')}-${process.env.NODE_OPTIONS ?? ''}`;
  // FNV-1a over the variant text (short): node:crypto alone takes ~8 ms to load.
  let h = 0x811c9dc5;
  for (let i = 0; i < variant.length; i++) h = Math.imul(h ^ variant.charCodeAt(i), 0x01000193);
  const prefix = `${command}-${CORE_HASH.slice(0, 16)}-`;
  const file = join(dir, `${prefix}${(h >>> 0).toString(16)}.v8cache`);
  let cached: Buffer | undefined;
  try {
    cached = fs.readFileSync(file);
  } catch {
    // No cache yet (or unreadable): compiled as usual, stored at exit.
  }
  const source = fs.readFileSync(core, 'utf8');
  // The wrapper starts on the bundle's first line, as Node's own: stack lines keep their numbers.
  const script = new vm.Script(
    `(function (exports, require, module, __filename, __dirname) {${source}\n})`,
    { filename: core, ...(cached ? { cachedData: cached } : {}) },
  );
  if (cached === undefined || script.cachedDataRejected === true)
    process.once('exit', () => store(dir, file, command, script));
  const module = { exports: {} };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run(module.exports, requireCore, module, core, dirname(core));
}

/** Writes the cache atomically (a reader never sees half a file); any failure is ignored. */
function store(dir: string, file: string, command: string, script: NodeVm.Script): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temp, script.createCachedData(), { mode: 0o600 });
    fs.renameSync(temp, file);
    // This command's caches of other bundles or Node versions are stale: drop them.
    for (const name of fs.readdirSync(dir))
      if (name.startsWith(`${command}-`) && name.endsWith('.v8cache') && join(dir, name) !== file)
        fs.rmSync(join(dir, name), { force: true });
  } catch {
    try {
      fs.rmSync(temp, { force: true });
    } catch {
      // Nothing more to do: the next run compiles as usual.
    }
  }
}

if (typeof nodeModule.enableCompileCache === 'function') {
  // Node 22.1+: Node's own compile cache (it keys and checks its entries itself).
  const dir = off ? null : cacheDir();
  if (dir !== null) {
    try {
      nodeModule.enableCompileCache(dir);
    } catch {
      // Runs uncached.
    }
  }
  requireCore(core);
} else {
  const dir = off ? null : cacheDir();
  if (dir === null) requireCore(core);
  else runCached(dir);
}
