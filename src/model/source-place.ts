// Where an object's source is in the current text. An incremental read keeps the objects below an
// edit as they were read (see `Workspace.documentMoves`): their ranges say where they were, and
// the workspace says how far each document has moved since.
import type { SourceRef, TextRange, Workspace } from './types.ts';

/** A workspace, or anything that carries its `documentMoves`. */
type Moves = { readonly documentMoves?: Int32Array | undefined };

/** The range of `source` in the text `ws` was read from. */
export function placedRange(ws: Moves, source: SourceRef): TextRange {
  const range = source.range;
  const moves = ws.documentMoves;
  if (moves === undefined) return range;
  const offset = moves[2 * source.document] ?? 0;
  const line = moves[2 * source.document + 1] ?? 0;
  if (offset === 0 && line === 0) return range;
  return {
    start: range.start + offset,
    end: range.end + offset,
    line: range.line + line,
    column: range.column,
    endLine: range.endLine + line,
    endColumn: range.endColumn,
  };
}

/** `source` with its range in the text `ws` was read from. */
export function placedSource(ws: Moves, source: SourceRef): SourceRef {
  const range = placedRange(ws, source);
  return range === source.range ? source : { ...source, range };
}

/**
 * The workspace with every object's source placed in its text and no `documentMoves`: what a
 * fresh read of that text gives (an incremental read is compared with one this way).
 */
export function withPlacedSources<W extends Workspace>(ws: W): W {
  const { documentMoves: _moves, ...rest } = ws;
  if (ws.documentMoves === undefined) return ws;
  const place = <T extends { readonly source?: SourceRef }>(o: T): T =>
    o.source ? { ...o, source: placedSource(ws, o.source) } : o;
  return {
    ...rest,
    namespaces: ws.namespaces.map(place),
    workloads: ws.workloads.map(place),
    policies: ws.policies.map(place),
    ...(ws.clusterPolicies ? { clusterPolicies: ws.clusterPolicies.map(place) } : {}),
    others: ws.others.map(place),
  } as unknown as W;
}
