// A corpus of manifests in the shapes real tools write (Helm output, kubectl get, JSON streams,
// CRLF with a byte order mark, tabs inside flow collections, `...` markers, null documents):
// kubectl applies every one of them, so every object must be read and none rejected.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readWorkspace } from './read-workspace.ts';
import type { ReadResult } from './read-workspace.ts';
import { loadInputs } from '../cli/load-inputs.ts';

const dir = join(import.meta.dirname, '../../fixtures/real-world');
const text = (name: string) => readFileSync(join(dir, name), 'utf8');

/** Every object the read produced, as `Kind namespace/name` in reading order. */
function objects(r: ReadResult): string[] {
  const all = [
    ...r.policies.map((p) => ({ s: p.source, id: `NetworkPolicy ${p.namespace}/${p.name}` })),
    ...r.workloads.map((w) => ({ s: w.source, id: `${w.kind} ${w.namespace}/${w.name}` })),
    ...r.namespaces
      .filter((n) => !n.inferred)
      .map((n) => ({ s: n.source, id: `Namespace ${n.name}` })),
    ...r.others.map((o) => ({
      s: o.source,
      id: `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}`,
    })),
  ];
  return all.sort((a, b) => (a.s?.range.start ?? 0) - (b.s?.range.start ?? 0)).map((o) => o.id);
}

const EXPECTED: Record<string, string[]> = {
  'anchors-and-merge-keys.yaml': [
    'NetworkPolicy shop/web-in',
    'NetworkPolicy shop/web-in-monitoring',
  ],
  'block-scalars-with-tabs.yaml': ['ConfigMap ci/build-scripts', 'Pod ci/builder'],
  'end-markers-and-null-documents.yaml': ['Namespace payments', 'NetworkPolicy payments/deny-all'],
  'helm-template-output.yaml': [
    'ServiceAccount shop/shop-web',
    'NetworkPolicy shop/shop-web',
    'Service shop/shop-web',
    'Deployment shop/shop-web',
    'Pod shop/shop-web-test-connection',
  ],
  'jq-compact-stream.json': [
    'Namespace edge',
    'NetworkPolicy edge/edge-deny',
    'Deployment edge/proxy',
  ],
  'json-documents.yaml': [
    'Namespace analytics',
    'NetworkPolicy analytics/allow-from-data',
    'StatefulSet analytics/warehouse',
  ],
  'json-pretty-stream.json': ['Namespace edge', 'NetworkPolicy edge/edge-deny'],
  'kubectl-get-list-1.26.yaml': [
    'NetworkPolicy shop/db-only-from-api',
    'NetworkPolicy shop/default-deny',
    'Deployment shop/db',
    'Deployment shop/api',
    'Service shop/db',
    'Namespace shop',
  ],
  'multi-line-flow-mappings.yaml': [
    'NetworkPolicy monitoring/metrics-scrape',
    'DaemonSet monitoring/node-exporter',
  ],
  'tabs-in-flow-collections.yaml': [
    'Deployment shop/api',
    'Deployment shop/worker',
    'Deployment shop/cron-runner',
    'NetworkPolicy shop/api-from-web',
  ],
  'windows-crlf-bom.yaml': [
    'Namespace billing',
    'NetworkPolicy billing/billing-api',
    'Deployment billing/billing-api',
  ],
};

describe('real-world corpus (fixtures/real-world)', () => {
  const files = readdirSync(dir).sort();

  it('names every corpus file here', () => {
    expect(files).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const file of files) {
    it(`${file}: every object is read, valid, with no error`, () => {
      const r = readWorkspace(text(file));
      expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(objects(r)).toEqual(EXPECTED[file]);
      expect(r.policies.every((p) => p.valid)).toBe(true);
    });
  }

  it('keeps the values of tab-continued flow sequences as written', () => {
    const r = readWorkspace(text('tabs-in-flow-collections.yaml'));
    const policy = r.policies[0]!;
    expect(policy.ingress[0]!.peers).toHaveLength(2);
    expect(policy.ingress[0]!.ports).toEqual([{ protocol: 'TCP', port: 9000, endPort: null }]);
    expect(r.workloads.find((w) => w.name === 'api')!.labels).toMatchObject({
      app: 'api',
      tier: 'backend',
    });
  });

  it('reads the whole corpus given to the CLI at once, each diagnostic inside its own file', () => {
    // A JSON stream file is JSON to kubectl only as a file of its own (its first character is
    // `{`); the CLI joins files with `---`, so those are left to the CLI's own tests.
    const yamlFiles = files.filter((f) => !f.endsWith('.json'));
    const inputs = yamlFiles.map((name) => ({ name, text: text(name) }));
    const { workspace, diagnostics: perFile } = loadInputs(inputs);
    const diagnostics = [perFile].flat(2);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const expected = yamlFiles.flatMap((f) => EXPECTED[f] ?? []).length;
    const found =
      workspace.policies.length +
      workspace.workloads.length +
      workspace.others.length +
      workspace.namespaces.filter((n) => !n.inferred).length;
    expect(found).toBe(expected);
    for (const d of diagnostics) {
      const lines = text(d.file).split(/\r\n|\n|\r/).length;
      expect(d.line, `${d.file}:${d.line}`).toBeGreaterThanOrEqual(1);
      expect(d.line, `${d.file}:${d.line}`).toBeLessThanOrEqual(lines);
    }
  });
});
