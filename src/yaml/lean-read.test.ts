// The CLI's lean read (documents parsed a batch at a time, trees dropped) must say exactly what the
// app's full read says: same objects, same diagnostics, on every fixture and on a stream long
// enough to span many batches.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCluster } from '../../bench/generate.mjs';
import { readWorkspace } from './read-workspace.ts';
import type { ReadResult } from './read-workspace.ts';

const root = join(import.meta.dirname, '../../fixtures');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.(ya?ml|json)$/.test(name) ? [path] : [];
  });
}

/** What a reader of the result sees, without the YAML trees. */
const outcome = (r: ReadResult) => ({
  documents: r.documents,
  namespaces: r.namespaces,
  workloads: r.workloads,
  policies: r.policies,
  clusterPolicies: r.clusterPolicies,
  others: r.others,
  diagnostics: r.diagnostics,
  workloadOf: [...r.workloadOf],
  spans: r.stream.documents.map((d) => [d.span, d.problems]),
});

describe('lean read', () => {
  const files = yamlFiles(root);

  it('finds the fixtures', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it.each(files.map((f) => [f.slice(root.length + 1), f]))('%s reads as in full', (_name, f) => {
    const text = readFileSync(f, 'utf8');
    expect(outcome(readWorkspace(text, { lean: true }))).toEqual(outcome(readWorkspace(text)));
  });

  it('reads a stream of many batches, with broken documents among them, as in full', () => {
    const docs = generateCluster(600).split(/(?=^---$)/m);
    // A syntax error, a separator with content and a bad value, far apart.
    docs.splice(100, 0, '---\napiVersion: v1\nkind: Pod\nmetadata: {name: [unclosed\n');
    docs.splice(700, 0, '--- junk\napiVersion: v1\nkind: Namespace\nmetadata: {name: x}\n');
    docs.splice(900, 0, '---\napiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {a: [1]}}\n');
    const text = docs.join('');
    expect(text.length).toBeGreaterThan(200_000);
    const full = readWorkspace(text);
    const lean = readWorkspace(text, { lean: true });
    expect(outcome(lean)).toEqual(outcome(full));
    expect(full.diagnostics.filter((d) => d.severity === 'error').length).toBeGreaterThan(2);
    // Only the cluster policies' trees are kept; 'keep-policies' keeps the policies' too.
    expect(lean.stream.documents.every((d) => d.root === null)).toBe(true);
    const kept = readWorkspace(text, { lean: 'keep-policies' });
    expect(kept.stream.documents.filter((d) => d.root !== null)).toHaveLength(full.policies.length);
    expect(lean.resume).toBeUndefined();
  });

  it('reads clean cluster policies from their values, ties and broken ones as in full', () => {
    const tie = (name: string) =>
      `---\napiVersion: policy.networking.k8s.io/v1alpha2\nkind: ClusterNetworkPolicy\nmetadata:\n  name: ${name}\nspec:\n  tier: Admin\n  priority: 7\n  subject:\n    namespaces: {}\n  ingress:\n  - action: Deny\n    from:\n    - namespaces: {}\n`;
    const text = [
      generateCluster(200, { clusterPolicies: 12 }),
      // Two at one tier and priority: the later one's warning located at its spec.priority.
      tie('tie-a'),
      tie('tie-b'),
      // An action the CRD refuses, and a field it does not know: read from the tree.
      tie('bad').replace('action: Deny', 'action: Drop'),
      tie('extra').replace('  priority: 7', '  priority: 8\n  colour: blue'),
    ].join('');
    const full = readWorkspace(text);
    const lean = readWorkspace(text, { lean: true });
    expect(outcome(lean)).toEqual(outcome(full));
    const ties = full.diagnostics.filter((d) => d.code === 'CNP9');
    expect(ties.length).toBeGreaterThan(0);
    for (const d of ties) expect(text.split('\n')[d.line - 1]).toBe('  priority: 7');
    expect(full.diagnostics.some((d) => d.severity === 'error' && d.message.includes('Drop'))).toBe(
      true,
    );
    // Only the documents with something to locate keep a tree.
    const kept = lean.stream.documents.filter((d) => d.root !== null).length;
    expect(lean.clusterPolicies).toHaveLength(16);
    expect(kept).toBeLessThan(4);
    expect(kept).toBeGreaterThan(0);
  });

  it('has no length cap, where the app has one', () => {
    const text = `${generateCluster(50)}${'# padding\n'.repeat(3_400_000)}`;
    expect(text.length).toBeGreaterThan(32 * 1024 * 1024);
    expect(readWorkspace(text).diagnostics.map((d) => d.code)).toContain('yaml-too-large');
    const lean = readWorkspace(text, { lean: true });
    expect(lean.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(lean.workloads).toHaveLength(50);
  });
});
