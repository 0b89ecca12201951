// Reading an edited text with the read of its earlier version (documents before the edit taken
// over) must give exactly what a fresh read gives: same model, same diagnostics, same positions.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { syntheticWorkspace } from '../../fixtures/synthetic-workspace.ts';
import { readWorkspace } from './read-workspace.ts';
import type { ReadResult } from './read-workspace.ts';
import { placedRange, withPlacedSources } from '../model/source-place.ts';

const root = join(import.meta.dirname, '../..');
const cliFixtures = readdirSync(join(root, 'fixtures/cli'))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => readFileSync(join(root, 'fixtures/cli', f), 'utf8'));
const BASES = [
  syntheticWorkspace(2, 3, 2),
  readFileSync(join(root, 'fixtures/kubectl-get-all.yaml'), 'utf8'),
  ...cliFixtures,
  // Duplicates across documents, a broken document, a List, a separator with content, a BOM.
  // Small documents with names that collide: every edit lands near a document boundary.
  Array.from(
    { length: 8 },
    (_, i) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${'ab'[i % 3 === 0 ? 0 : 1]}\n`,
  ).join('---\n'),
  '\ufeffapiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n--- # c\nkind: [\n---\napiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: p, namespace: a, labels: {app: x}}\n--- x\napiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n',
];

/**
 * A fresh-read-comparable view: everything but the resume state, and the stream's documents as
 * what they say (a document taken over from after the edit reads its tree when asked).
 */
function view(read: ReadResult) {
  // Objects taken over keep their ranges as read, and the read says how far they moved: placed.
  const r = withPlacedSources(read);
  // The line index by its text: how far it has scanned is its own business.
  const { resume: _resume, stream, lines, ...rest } = r;
  return {
    ...rest,
    lines: lines.text,
    stream: {
      bom: stream.bom,
      documents: stream.documents.map((d) => ({
        span: d.span,
        root: d.root,
        problems: d.problems,
      })),
    },
  };
}

// Edits that matter: document separators, YAML structure, names that collide, plain characters;
// inserted, deleted, or replacing as many characters as they bring (the documents keep their
// spans then, and only their text tells them apart).
const PIECES = [
  '---\n',
  '\n---\n',
  'kind: Namespace\n',
  'name: a',
  ':',
  ' ',
  '\n',
  '[',
  'x',
  '#',
  'a',
  'b',
];
const edit = fc.oneof(
  fc.record({ piece: fc.constantFrom(...PIECES), removed: fc.constant(0) }),
  fc.record({ piece: fc.constant(''), removed: fc.integer({ min: 1, max: 40 }) }),
  fc.constantFrom(...PIECES).map((piece) => ({ piece, removed: piece.length })),
);

describe('incremental read', () => {
  it('gives what a fresh read gives, whatever the edit', () => {
    fc.assert(
      fc.property(fc.constantFrom(...BASES), fc.nat(), edit, (base, at, { piece, removed }) => {
        const start = at % (base.length + 1);
        const edited = base.slice(0, start) + piece + base.slice(start + removed);
        const fresh = readWorkspace(edited);
        const before = readWorkspace(base);
        const incremental = readWorkspace(edited, {}, before);
        expect(view(incremental)).toEqual(view(fresh));
        // Told where the edit is (the worker knows it from the page), the same.
        const edit = { base, start, end: Math.min(base.length, start + removed) };
        expect(view(readWorkspace(edited, { edit }, before))).toEqual(view(fresh));
      }),
      { numRuns: 1500 },
    );
  });

  /**
   * Sequences of edits, each read from the read before; `check` sees every step (`each`) or the
   * last only.
   */
  const readingEdits = (maxLength: number, each: boolean) =>
    fc.assert(
      fc.property(
        fc.constantFrom(...BASES),
        fc.array(fc.tuple(fc.nat(), edit), { minLength: 2, maxLength }),
        (base, edits) => {
          let text = base;
          let read = readWorkspace(text);
          for (const [k, [at, { piece, removed }]] of edits.entries()) {
            const start = at % (text.length + 1);
            text = text.slice(0, start) + piece + text.slice(start + removed);
            read = readWorkspace(text, {}, read);
            if (each || k === edits.length - 1)
              expect(view(read)).toEqual(view(readWorkspace(text)));
          }
        },
      ),
      { numRuns: 400 },
    );

  it('gives what a fresh read gives after a sequence of edits, each read from the one before', () => {
    readingEdits(5, true);
  });

  it('gives what a fresh read gives after edits whose moved trees were never asked for', () => {
    // Documents moved several times before anyone reads their trees: each read moves them from
    // the original by the sum of the shifts, not through one wrapper per edit.
    readingEdits(8, false);
  });

  it('takes over the documents after the edit too, moved, without reading them again', () => {
    const base = syntheticWorkspace(3, 4, 2);
    const before = readWorkspace(base);
    // A line added in the first policy: every document after it moves down one line.
    const cut = base.indexOf('kind: NetworkPolicy') + 'kind: NetworkPolicy'.length;
    const edited = `${base.slice(0, cut)}\n# edited${base.slice(cut)}`;
    const after = readWorkspace(edited, {}, before);
    expect(view(after)).toEqual(view(readWorkspace(edited)));
    const last = after.policies.at(-1);
    const was = before.policies.at(-1);
    // Taken over: the very object, placed one line down by the read.
    expect(last).toBe(was);
    expect(last?.source && placedRange(after, last.source).line).toBe(
      (was?.source?.range.line ?? 0) + 1,
    );
    expect(after.workloads.at(-1)?.labels).toBe(before.workloads.at(-1)?.labels);
  });

  it('takes over the documents before the edit (the same objects)', () => {
    const base = syntheticWorkspace(3, 4, 2);
    const before = readWorkspace(base);
    const cut = base.lastIndexOf('kind: NetworkPolicy');
    const edited = `${base.slice(0, cut)}kind: NetworkPolicy\n# edited${base.slice(cut + 19)}`;
    const after = readWorkspace(edited, {}, before);
    expect(after.policies[0]).toBe(before.policies[0]);
    expect(after.stream.documents[0]).toBe(before.stream.documents[0]);
    expect(view(after)).toEqual(view(readWorkspace(edited)));
    // Other options mean a fresh read.
    const other = readWorkspace(edited, { defaultNamespace: 'x' }, before);
    expect(other.policies[0]).not.toBe(before.policies[0]);
  });
});
