// Initial JavaScript of the built app, gzipped: what index.html loads before the first render
// (read from dist/), and what the page actually fetched until the canvas was drawn, split into the
// main-thread code, the app's workers and Monaco's lazily loaded code.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from '@playwright/test';
import { newContext, waitForCanvas } from './editor-page.ts';

export interface BundleFigures {
  /** Entry script, modulepreloads and their static imports: parsed before the first render. */
  readonly entryKb: number;
  readonly entryFiles: readonly string[];
  /** Scripts the page requested before Monaco's chunk was requested (main thread). */
  readonly beforeMonacoKb: number;
  readonly beforeMonacoFiles: readonly string[];
  /** Worker scripts the app itself started by the time the canvas was drawn (ELK, parsing). */
  readonly appWorkersKb: number;
  readonly appWorkerFiles: readonly string[];
  /** Monaco's chunks and workers fetched by then (lazy; outside the target). */
  readonly monacoKb: number;
  readonly monacoFiles: readonly string[];
}

const kb = (bytes: number): number => Math.round(bytes / 102.4) / 10;

/** gzip at zlib's default level, as Vite's preview server serves it. */
function gzipBytes(dist: string, file: string): number {
  return gzipSync(readFileSync(join(dist, file))).length;
}

/** `assets/x.js` files a chunk refers to: static imports, preload lists and literal asset URLs. */
function references(dist: string, file: string, staticOnly: boolean): string[] {
  const code = readFileSync(join(dist, file), 'utf8');
  const found = new Set<string>();
  for (const m of code.matchAll(/(?:from|import)\s*["'`]\.\/([\w.-]+\.js)["'`]/g))
    found.add(`assets/${m[1]}`);
  if (!staticOnly) {
    // Dynamic-import dependency lists (__vite__mapDeps) and worker URLs.
    for (const m of code.matchAll(/["'`]\/?(assets\/[\w.-]+\.js)["'`]/g)) found.add(m[1]!);
  }
  found.delete(file);
  return [...found];
}

/** Files reachable from `roots`, not entering `stop` (the entry, which lazy chunks import back). */
function closure(
  dist: string,
  roots: readonly string[],
  staticOnly: boolean,
  stop: readonly string[] = [],
): Set<string> {
  const seen = new Set<string>();
  const todo = [...roots];
  for (let f = todo.pop(); f !== undefined; f = todo.pop()) {
    if (seen.has(f) || stop.includes(f)) continue;
    seen.add(f);
    todo.push(...references(dist, f, staticOnly));
  }
  return seen;
}

/** The entry and modulepreload scripts named in dist/index.html, with their static imports. */
export function entryScripts(dist: string): string[] {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const roots = [
    ...html.matchAll(/<script[^>]*type="module"[^>]*src="\/?([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="\/?([^"]+)"/g),
  ].map((m) => m[1]!);
  return [...closure(dist, roots, true)].sort();
}

/** Everything Monaco's lazy chunk brings: its imports, language chunks and workers. */
function monacoScripts(dist: string, entry: readonly string[]): Set<string> {
  const roots = entry
    .flatMap((f) => references(dist, f, false))
    .filter((f) => /\/MonacoEditor-[\w-]+\.js$/.test(f));
  return closure(dist, roots, false, entry);
}

const total = (dist: string, files: Iterable<string>): number =>
  [...files].reduce((sum, f) => sum + gzipBytes(dist, f), 0);

export async function measureBundle(
  browser: Browser,
  base: string,
  dist: string,
): Promise<BundleFigures> {
  const entry = entryScripts(dist);
  const monaco = monacoScripts(dist, entry);
  const context = await newContext(browser);
  try {
    const page = await context.newPage();
    const requested: string[] = [];
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname.replace(/^\//, '');
      if (path.endsWith('.js') && !requested.includes(path)) requested.push(path);
    });
    await page.goto(`${base}/`);
    await waitForCanvas(page);
    // Requests arrive in the order they were issued: everything before Monaco's first file.
    const firstMonaco = requested.findIndex((f) => monaco.has(f));
    const beforeMonaco = firstMonaco < 0 ? requested : requested.slice(0, firstMonaco);
    const drawnBy = [...requested];
    const appWorkers = drawnBy.filter((f) => !monaco.has(f) && !entry.includes(f));
    const monacoFetched = drawnBy.filter((f) => monaco.has(f));
    return {
      entryKb: kb(total(dist, entry)),
      entryFiles: entry,
      beforeMonacoKb: kb(total(dist, beforeMonaco)),
      beforeMonacoFiles: beforeMonaco,
      appWorkersKb: kb(total(dist, appWorkers)),
      appWorkerFiles: appWorkers,
      monacoKb: kb(total(dist, monacoFetched)),
      monacoFiles: monacoFetched,
    };
  } finally {
    await context.close();
  }
}
