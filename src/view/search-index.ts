// Finding things on the canvas by name: workloads, namespaces, labels (`k=v`) and policies. The
// index is built once per graph, so each keystroke is a scan of short normalised tokens: exact
// matches rank above prefixes, prefixes above substrings, and each kind's list is capped.
import type { Labels } from '../model/types.ts';

export type SearchKind = 'workload' | 'namespace' | 'label' | 'policy';

/** Groups appear in this order when their best matches rank the same. */
export const SEARCH_KINDS: readonly SearchKind[] = ['workload', 'namespace', 'label', 'policy'];

export interface SearchSource {
  readonly workloads: readonly {
    readonly id: string;
    readonly name: string;
    readonly namespace: string;
    readonly labels: Labels;
  }[];
  readonly namespaces: readonly string[];
  readonly policies: readonly {
    readonly id: string;
    readonly name: string;
    readonly namespace: string;
    /** Ids of the workloads the policy selects. */
    readonly selects: readonly string[];
  }[];
}

/** 0: exact, 1: prefix, 2: substring. */
export type MatchRank = 0 | 1 | 2;

export interface SearchHit {
  readonly kind: SearchKind;
  /** Workload id, namespace name, label `k=v` or policy id. */
  readonly id: string;
  /** What the list shows: a workload's or policy's name, a namespace, a label. */
  readonly label: string;
  /** The namespace of a workload or policy; empty otherwise. */
  readonly namespace: string;
  /** The workloads to show: itself, a namespace's, a label's or a policy's selected ones. */
  readonly targets: readonly string[];
  readonly rank: MatchRank;
}

export interface SearchGroup {
  readonly kind: SearchKind;
  /** At most the cap, best first. */
  readonly hits: readonly SearchHit[];
  /** How many matched in all. */
  readonly total: number;
}

export interface SearchIndex {
  /** Matching groups, best group first; empty for a blank query. */
  search(query: string, perKind?: number): readonly SearchGroup[];
  /** Entries indexed (for tests and timings). */
  readonly size: number;
}

interface Entry {
  readonly hit: Omit<SearchHit, 'rank'>;
  /** Normalised tokens. */
  readonly tokens: readonly string[];
  /** Tie-breaker: shorter names first, then alphabetical. */
  readonly sortKey: string;
}

/** Case- and width-insensitive form of a name or query. */
export function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase().trim();
}

function rankOf(tokens: readonly string[], term: string): MatchRank | -1 {
  let best: MatchRank | -1 = -1;
  for (const t of tokens) {
    if (t === term) return 0;
    if (t.startsWith(term)) best = 1;
    else if (best === -1 && t.includes(term)) best = 2;
  }
  return best;
}

/** The entry's rank for its worst-matching term, or -1 when a term does not match at all. */
function worstRank(tokens: readonly string[], terms: readonly string[]): MatchRank | -1 {
  let worst: MatchRank = 0;
  for (const term of terms) {
    const r = rankOf(tokens, term);
    if (r === -1) return -1;
    if (r > worst) worst = r;
  }
  return worst;
}

function entries(source: SearchSource): Entry[] {
  const out: Entry[] = [];
  const byLabel = new Map<string, string[]>();
  const byNamespace = new Map<string, string[]>();
  for (const w of source.workloads) {
    out.push({
      hit: { kind: 'workload', id: w.id, label: w.name, namespace: w.namespace, targets: [w.id] },
      tokens: [normalise(w.name), normalise(`${w.namespace}/${w.name}`)],
      sortKey: `${w.name.length.toString().padStart(4, '0')}${w.name}\u0000${w.namespace}`,
    });
    for (const [k, v] of Object.entries(w.labels)) {
      const key = `${k}=${v}`;
      const list = byLabel.get(key);
      if (list) list.push(w.id);
      else byLabel.set(key, [w.id]);
    }
    const members = byNamespace.get(w.namespace);
    if (members) members.push(w.id);
    else byNamespace.set(w.namespace, [w.id]);
  }
  for (const ns of source.namespaces)
    out.push({
      hit: {
        kind: 'namespace',
        id: ns,
        label: ns,
        namespace: '',
        targets: byNamespace.get(ns) ?? [],
      },
      tokens: [normalise(ns)],
      sortKey: `${ns.length.toString().padStart(4, '0')}${ns}`,
    });
  for (const [key, targets] of byLabel)
    out.push({
      hit: { kind: 'label', id: key, label: key, namespace: '', targets },
      tokens: [normalise(key)],
      sortKey: `${key.length.toString().padStart(4, '0')}${key}`,
    });
  for (const p of source.policies)
    out.push({
      hit: { kind: 'policy', id: p.id, label: p.name, namespace: p.namespace, targets: p.selects },
      tokens: [normalise(p.name), normalise(p.id)],
      sortKey: `${p.name.length.toString().padStart(4, '0')}${p.name}\u0000${p.namespace}`,
    });
  return out;
}

export function buildSearchIndex(source: SearchSource): SearchIndex {
  const all = entries(source);
  return {
    size: all.length,
    search(query, perKind = 6) {
      // Every word must match (`shop web`); an entry ranks by its worst word.
      const terms = normalise(query).split(/\s+/).filter(Boolean);
      if (terms.length === 0) return [];
      const found = new Map<SearchKind, { rank: MatchRank; entry: Entry }[]>();
      for (const entry of all) {
        const rank = worstRank(entry.tokens, terms);
        if (rank === -1) continue;
        const list = found.get(entry.hit.kind);
        if (list) list.push({ rank, entry });
        else found.set(entry.hit.kind, [{ rank, entry }]);
      }
      const groups: SearchGroup[] = [];
      for (const kind of SEARCH_KINDS) {
        const list = found.get(kind);
        if (!list) continue;
        list.sort(
          (a, b) =>
            a.rank - b.rank ||
            (a.entry.sortKey < b.entry.sortKey ? -1 : a.entry.sortKey > b.entry.sortKey ? 1 : 0),
        );
        groups.push({
          kind,
          hits: list.slice(0, perKind).map(({ rank, entry }) => ({ ...entry.hit, rank })),
          total: list.length,
        });
      }
      // The group with the best match first; ties keep the fixed order (the sort is stable).
      return groups.sort((a, b) => (a.hits[0]?.rank ?? 2) - (b.hits[0]?.rank ?? 2));
    },
  };
}
