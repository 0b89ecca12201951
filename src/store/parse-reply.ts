// The worker's answer to a parse request: the read, less what the page never uses (pure).
import type { ReadResult } from '../yaml/read-workspace.ts';

/**
 * What the page gets of a read. LineIndex is a class and does not survive structured cloning; the
 * page rebuilds it. The resume state would double the message for a benefit the page's next read
 * can do without. The page uses YAML trees only to rewrite policies (NetworkPolicies and cluster
 * policies) in place and to point into them: the trees of every other document (the workloads,
 * most of a large text) are left out. They were ~95% of the message at 5,000 workloads, and
 * cloning them cost the page ~0.7 s.
 */
export function forThePage(read: ReadResult): Omit<ReadResult, 'lines'> & { lines: null } {
  const { resume: _resume, ...result } = read;
  const keep = new Set<number>();
  for (const p of read.policies) if (p.source) keep.add(p.source.document);
  for (const p of read.clusterPolicies ?? []) if (p.source) keep.add(p.source.document);
  const documents = read.stream.documents.map((d) =>
    d.root === null || keep.has(d.span.index) ? d : { ...d, root: null },
  );
  return { ...result, stream: { ...read.stream, documents }, lines: null };
}
