import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { generateCluster } from '../../bench/generate.mjs';
import { nodeFs } from './node-io.ts';
import { runCli } from './run-cli.ts';

const fixture = (name: string) => join(import.meta.dirname, '../../fixtures/cli', name);

async function cli(argv: string[], stdin = '') {
  let stdout = '';
  let stderr = '';
  let writes = 0;
  const code = await runCli(argv, {
    stdin: async () => Buffer.from(stdin),
    stdout: (s) => {
      stdout += s;
      writes++;
    },
    stderr: (s) => (stderr += s),
    fs: nodeFs,
  });
  return { code, stdout, stderr, writes };
}

interface Flow {
  from: string;
  to: string;
  port: number | null;
  protocol: string;
  allowed: boolean;
  podPairs?: number;
  allowedPodPairs?: number;
  partly?: true;
  explanation?: { reason: string };
  explained?: { from: string; to: string };
}

const ndjson = (out: string): Flow[] =>
  out
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Flow);

/** `kubectl get pods -o yaml` output: the pods of two Deployments, their ReplicaSets absent. */
function podDump(): string {
  const pod = (name: string, app: string, hash: string, port: number, ip: string) => `---
apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: shop
  labels: {app: ${app}, pod-template-hash: "${hash}"}
  ownerReferences:
  - {apiVersion: apps/v1, kind: ReplicaSet, name: ${app}-${hash}, uid: u-${app}, controller: true}
spec:
  containers:
  - name: c
    image: x
    ports:
    - containerPort: ${port}
status:
  podIP: ${ip}
`;
  return `${[
    pod('web-5d8f9-a', 'web', '5d8f9', 8080, '10.0.0.1'),
    pod('web-5d8f9-b', 'web', '5d8f9', 8080, '10.0.0.2'),
    pod('web-5d8f9-c', 'web', '5d8f9', 8080, '10.0.0.3'),
    pod('api-77c4b-a', 'api', '77c4b', 9000, '10.0.0.4'),
    pod('api-77c4b-b', 'api', '77c4b', 9000, '10.0.0.5'),
  ].join('')}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api-from-web-a, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress:
  - from:
    - ipBlock: {cidr: 10.0.0.1/32}
`;
}

describe('analyze --format json and ndjson', () => {
  it('writes NDJSON: one valid JSON object per line, the same flows as json', async () => {
    const nd = await cli(['analyze', '--format', 'ndjson', fixture('three-tier.yaml')]);
    expect(nd.code).toBe(0);
    expect(nd.stdout.endsWith('\n')).toBe(true);
    const lines = nd.stdout.split('\n').slice(0, -1);
    expect(lines).toHaveLength(6);
    for (const line of lines) {
      const v: unknown = JSON.parse(line);
      expect(typeof v === 'object' && v !== null && !Array.isArray(v)).toBe(true);
    }
    const json = await cli(['analyze', '--format', 'json', fixture('three-tier.yaml')]);
    expect((JSON.parse(json.stdout) as { flows: Flow[] }).flows).toEqual(ndjson(nd.stdout));
  });

  it('folds the pods of one workload by default; --by pod lists each pod pair', async () => {
    const byPod = ndjson(
      (await cli(['analyze', '-o', 'ndjson', '--by', 'pod', '-'], podDump())).stdout,
    );
    // 5 pods, one declared port each: 5 × 4 ordered pairs of distinct pods.
    expect(byPod).toHaveLength(20);
    expect(byPod.every((f) => f.podPairs === undefined)).toBe(true);

    const r = await cli(['analyze', '-o', 'ndjson', '-'], podDump());
    expect(r.code).toBe(0);
    const byWorkload = ndjson(r.stdout);
    const pairs = byWorkload.map((f) => `${f.from}->${f.to}`);
    expect(pairs).toEqual([
      'shop/web->shop/web',
      'shop/web->shop/api',
      'shop/api->shop/web',
      'shop/api->shop/api',
    ]);
    const webToApi = byWorkload[1];
    // api admits web-…-a only (its ipBlock): 2 of the 3 × 2 pod pairs are allowed.
    expect(webToApi).toMatchObject({
      port: 9000,
      allowed: false,
      partly: true,
      podPairs: 6,
      allowedPodPairs: 2,
    });
    expect(byWorkload[0]).toMatchObject({ allowed: true, podPairs: 6, allowedPodPairs: 6 });
    expect(byWorkload.reduce((n, f) => n + (f.podPairs ?? 1), 0)).toBe(byPod.length);
    expect(byWorkload.every((f) => f.explanation === undefined)).toBe(true);
  });

  it('filters with --allowed-only and --denied-only, and explains only with --explain', async () => {
    const all = ndjson(
      (await cli(['analyze', '-o', 'ndjson', '--by', 'pod', '-'], podDump())).stdout,
    );
    const allowed = ndjson(
      (await cli(['analyze', '-o', 'ndjson', '--by', 'pod', '--allowed-only', '-'], podDump()))
        .stdout,
    );
    const denied = ndjson(
      (await cli(['analyze', '-o', 'ndjson', '--by', 'pod', '--denied-only', '-'], podDump()))
        .stdout,
    );
    expect(allowed.every((f) => f.allowed)).toBe(true);
    expect(denied.every((f) => !f.allowed)).toBe(true);
    expect(allowed.length + denied.length).toBe(all.length);
    expect(allowed.length).toBe(all.filter((f) => f.allowed).length);

    const explained = ndjson(
      (await cli(['analyze', '-o', 'ndjson', '--allowed-only', '--explain', '-'], podDump()))
        .stdout,
    );
    const webToApi = explained.find((f) => f.from === 'shop/web' && f.to === 'shop/api');
    expect(webToApi?.explanation?.reason).toMatch(/allow/i);
    expect(webToApi?.explained).toEqual({ from: 'shop/web-5d8f9-a', to: 'shop/api-77c4b-a' });

    const both = await cli(
      ['analyze', '-o', 'json', '--allowed-only', '--denied-only', '-'],
      podDump(),
    );
    expect(both.code).toBe(2);
    expect(JSON.parse(both.stdout)).toMatchObject({ error: { code: 'usage' } });
  });

  it('lists the allowed flows of 1,000 pods as compact JSON, in chunks, agreeing with the summary', async () => {
    const text = generateCluster(1000);
    const summary = JSON.parse((await cli(['analyze', '-o', 'summary', '-'], text)).stdout) as {
      allowed: number;
    };
    const r = await cli(['analyze', '-o', 'json', '--by', 'pod', '--allowed-only', '-'], text);
    expect(r.code).toBe(0);
    const flows = (JSON.parse(r.stdout) as { flows: Flow[] }).flows;
    expect(flows.length).toBe(summary.allowed);
    expect(flows.every((f) => f.allowed && f.explanation === undefined)).toBe(true);
    // Written as computed, not as one string at the end; ~100 bytes a flow, not ~1 KB.
    expect(r.writes).toBeGreaterThan(1);
    expect(r.stdout.length / flows.length).toBeLessThan(150);
  });
});
