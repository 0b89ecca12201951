// The CLI's lean read takes most documents from plain values (no positioned tree) and falls back to
// the tree for any document with something to report: the result must be exactly the full read's.
// Random Kubernetes streams whose values stray into what the decoder, the validators and the
// server-field summary care about (YAML 1.1 words, numbers as strings, nulls, duplicates, unknown
// fields, bad names, server fields, flow collections, broken indentation).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { generateCluster } from '../../bench/generate.mjs';
import { clusterManifests, loadConformanceCases } from '../../fixtures/conformance-cases.ts';
import { loadCnpCases } from '../../fixtures/conformance-cnp/load-cases.ts';
import { DiagnosticsStream, readWorkspace } from './read-workspace.ts';
import type { ReadOptions } from './read-workspace.ts';
import { DocumentWindows } from './document-windows.ts';
import type { ReadResult } from './read-workspace.ts';
import { fastDocumentTree, plainDocument } from './fast-yaml-tree.ts';
import { splitDocuments } from './split-documents.ts';
import { decodeObject, decodePlainObject } from './decode.ts';
import { CONTROLLER, CRON_JOB, GENERIC, NAMESPACE, NETWORK_POLICY, POD } from './schemas.ts';
import { DEFAULT_LIMITS } from './yaml-tree.ts';

// Reproduce a failure with PLAIN_READ_SEED=<seed printed below>.
const SEED = Number(process.env.PLAIN_READ_SEED ?? Date.now() % 2 ** 31);
const STREAM_RUNS = 250;
console.log(`plain read property seed: ${SEED}`);

/** What a reader of the result sees, without the YAML trees (as lean-read.test.ts). */
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

/**
 * What `validate` reads (`lean: 'diagnostics'`, no model): the diagnostics and documents, which
 * must be the full read's exactly (document, line, column, path, message, severity, code).
 */
const said = (r: ReadResult) => ({
  documents: r.documents,
  diagnostics: r.diagnostics,
  clusterPolicies: r.clusterPolicies,
  spans: r.stream.documents.map((d) => [d.span, d.problems]),
});

/** Mostly ordinary values, sometimes one the decoder or a validator has something to say about. */
const value = (ordinary: readonly string[]) =>
  fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom(...ordinary) },
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        'yes',
        'no',
        'on',
        'Off',
        'y',
        'true',
        '"true"',
        'False',
        '~',
        'null',
        '',
        '"80"',
        "'80'",
        '80',
        '8080',
        '65536',
        '99999999999',
        '2147483648',
        '-1',
        '0755',
        '0x1F',
        '1e3',
        '1.5',
        '80.0',
        '.inf',
        '.NaN',
        '10.0.0.1',
        '"10.0.0.1"',
        'fe80::1',
        '2024-01-01',
        '"a b"',
        "'it''s'",
        '"esc\\tx"',
        'Web',
        'a_b',
        '-x',
        'x.',
        '{a: b}',
        '[a, b]',
        '[]',
        '{}',
        'tcp',
        '"SCTP"',
        'UDP',
      ),
    },
  );

const name = value(['web', 'db', 'api-1', 'cache', 'team-0']);
const labelKey = fc.constantFrom(
  'app',
  'tier',
  'example.com/team',
  '"quoted"',
  'yes',
  '80',
  'Bad Key',
  'a/b/c',
  '<<',
);
const labels = fc
  .array(fc.tuple(labelKey, value(['web', 'db', '"prod"', 'v1', "'x'"])), { maxLength: 3 })
  .map((kv) => kv.map(([k, v]) => `${k}: ${v}`));
const port = value(['80', '443', '8080', '53', 'http']);
const protocol = value(['TCP', 'UDP', 'SCTP']);

/** Lines under a key at `indent`: a block map, a flow map, or nothing. */
const block = (indent: string, lines: readonly string[], flow: boolean): string[] =>
  flow ? [` {${lines.join(', ')}}`] : lines.map((l) => `${indent}${l}`);

/** Server-written fields, or not. */
const serverMeta = fc.subarray([
  '  uid: 0f0a-11',
  '  resourceVersion: "123"',
  '  resourceVersion: ""',
  '  resourceVersion: ~',
  '  creationTimestamp: 2024-01-01T00:00:00Z',
  '  generation: 3',
  '  annotations:\n    kubectl.kubernetes.io/last-applied-configuration: "{}"',
]);

const metadata = fc
  .record({
    name,
    namespace: fc.option(name, { nil: undefined }),
    labels,
    flow: fc.boolean(),
    server: serverMeta,
    owner: fc.option(name, { nil: undefined }),
  })
  .map((m) => {
    const out = ['metadata:', `  name: ${m.name}`];
    if (m.namespace !== undefined) out.push(`  namespace: ${m.namespace}`);
    if (m.labels.length > 0) {
      const l = block('    ', m.labels, m.flow);
      out.push(m.flow ? `  labels:${l[0]}` : '  labels:', ...(m.flow ? [] : l));
    }
    if (m.owner !== undefined)
      out.push(
        '  ownerReferences:',
        '  - kind: ReplicaSet',
        `    name: ${m.owner}`,
        '    controller: true',
      );
    out.push(...m.server);
    return out;
  });

const containerPorts = fc
  .array(fc.record({ port, protocol, portName: value(['http', 'dns', 'metrics']) }), {
    maxLength: 2,
  })
  .map((ps) =>
    ps.flatMap((p) => [
      `    - containerPort: ${p.port}`,
      `      protocol: ${p.protocol}`,
      `      name: ${p.portName}`,
    ]),
  );

const status = fc
  .option(value(['10.96.0.10', '10.0.3.4']), { nil: undefined })
  .map((ip) =>
    ip === undefined ? [] : ['status:', `  podIP: ${ip}`, '  podIPs:', `  - ip: ${ip}`],
  );

const pod = fc
  .record({
    metadata,
    ports: containerPorts,
    status,
    host: fc.option(value(['true', 'false']), { nil: undefined }),
  })
  .map((r) => [
    'apiVersion: v1',
    'kind: Pod',
    ...r.metadata,
    'spec:',
    ...(r.host !== undefined ? [`  hostNetwork: ${r.host}`] : []),
    '  containers:',
    '  - name: main',
    '    image: example/app:1',
    ...(r.ports.length > 0 ? ['    ports:', ...r.ports] : []),
    ...r.status,
  ]);

const deployment = fc
  .record({
    metadata,
    kind: fc.constantFrom('Deployment', 'StatefulSet', 'DaemonSet', 'Job'),
    group: fc.constantFrom('apps/v1', 'apps/v1', 'batch/v1', 'extensions/v1beta1'),
    selector: labels,
    template: labels,
    ports: containerPorts,
    replicas: value(['1', '3']),
  })
  .map((r) => [
    `apiVersion: ${r.group}`,
    `kind: ${r.kind}`,
    ...r.metadata,
    'spec:',
    `  replicas: ${r.replicas}`,
    '  selector:',
    '    matchLabels:',
    ...r.selector.map((l) => `      ${l}`),
    '  template:',
    '    metadata:',
    '      labels:',
    ...r.template.map((l) => `        ${l}`),
    '    spec:',
    '      containers:',
    '      - name: main',
    ...(r.ports.length > 0 ? ['        ports:', ...r.ports.map((l) => `    ${l}`)] : []),
  ]);

const peer = fc.oneof(
  labels.map((l) => ['  - podSelector:', '      matchLabels:', ...l.map((x) => `        ${x}`)]),
  labels.map((l) => [
    '  - namespaceSelector:',
    '      matchLabels:',
    ...l.map((x) => `        ${x}`),
  ]),
  value(['10.0.0.0/8', '0.0.0.0/0', '192.168.1.0/24']).map((c) => [
    '  - ipBlock:',
    `      cidr: ${c}`,
    '      except:',
    '      - 10.1.0.0/16',
  ]),
  fc.constant(['  - ~']),
);

const policy = fc
  .record({
    metadata,
    subject: labels,
    types: fc.subarray(['Ingress', 'Egress', 'ingress', 'yes']),
    rules: fc.array(fc.record({ peers: fc.array(peer, { maxLength: 2 }), port, protocol }), {
      maxLength: 2,
    }),
    nullRule: fc.boolean(),
    status: fc.boolean(),
  })
  .map((r) => [
    'apiVersion: networking.k8s.io/v1',
    'kind: NetworkPolicy',
    ...r.metadata,
    'spec:',
    '  podSelector:',
    ...(r.subject.length > 0 ? ['    matchLabels:', ...r.subject.map((l) => `      ${l}`)] : []),
    ...(r.types.length > 0 ? ['  policyTypes:', ...r.types.map((t) => `  - ${t}`)] : []),
    '  ingress:',
    ...(r.nullRule ? ['  - ~'] : []),
    ...r.rules.flatMap((rule) => [
      '  - ports:',
      `    - port: ${rule.port}`,
      `      protocol: ${rule.protocol}`,
      ...(rule.peers.length > 0 ? ['    from:', ...rule.peers.flat().map((l) => `  ${l}`)] : []),
    ]),
    ...(r.status ? ['status:', '  conditions: []'] : []),
  ]);

const namespace = fc
  .record({ metadata })
  .map((r) => ['apiVersion: v1', 'kind: Namespace', ...r.metadata]);
const other = fc
  .record({
    metadata,
    kind: fc.constantFrom('ConfigMap', 'Service', 'networkpolicy', 'CiliumNetworkPolicy'),
    api: fc.constantFrom('v1', 'cilium.io/v2', 'networking.k8s.io/v1'),
  })
  .map((r) => [`apiVersion: ${r.api}`, `kind: ${r.kind}`, ...r.metadata, 'data:', '  a: "1"']);
const list = fc
  .array(pod, { minLength: 1, maxLength: 2 })
  .map((items) => [
    'apiVersion: v1',
    'kind: List',
    'items:',
    ...items.flatMap((lines) => lines.map((l, i) => (i === 0 ? `- ${l}` : `  ${l}`))),
  ]);
const clusterPolicy = fc
  .record({ metadata, priority: value(['10', '20']) })
  .map((r) => [
    'apiVersion: policy.networking.k8s.io/v1alpha1',
    'kind: AdminNetworkPolicy',
    ...r.metadata,
    'spec:',
    `  priority: ${r.priority}`,
    '  subject:',
    '    namespaces: {}',
    '  ingress:',
    '  - action: Deny',
    '    from:',
    '    - namespaces: {}',
  ]);

/** A document's lines, sometimes with a line repeated, indented wrongly, or an unknown field. */
const document = fc
  .tuple(
    fc.oneof(
      { weight: 5, arbitrary: pod },
      { weight: 2, arbitrary: deployment },
      { weight: 3, arbitrary: policy },
      { weight: 2, arbitrary: namespace },
      { weight: 1, arbitrary: other },
      { weight: 1, arbitrary: list },
      { weight: 1, arbitrary: clusterPolicy },
    ),
    fc.option(
      fc.tuple(
        fc.nat(),
        fc.constantFrom('repeat', 'unknown', 'nested-unknown', 'indent', 'comment', 'tab'),
      ),
      { nil: undefined, freq: 3 },
    ),
  )
  .map(([lines, edit]) => {
    const out = [...lines];
    if (edit) {
      const at = edit[0] % out.length;
      const line = out[at] as string;
      if (edit[1] === 'repeat') out.splice(at, 0, line);
      else if (edit[1] === 'unknown') out.push('surprise: 1');
      else if (edit[1] === 'nested-unknown')
        out.splice(at + 1, 0, `${/^ */.exec(line)?.[0] ?? ''}zz: 1`);
      else if (edit[1] === 'indent') out[at] = ` ${line}`;
      else if (edit[1] === 'comment') out[at] = `${line} # note`;
      else out[at] = line.replace(/^ {2}/, '\t');
    }
    return out.join('\n');
  });

const stream = fc
  .array(document, { minLength: 1, maxLength: 40 })
  .map((docs) => `${docs.join('\n---\n')}\n`);

/**
 * A stream as files are written: LF or CR LF line breaks, a comment or a marker first, names with
 * characters outside ASCII (some outside the Basic Multilingual Plane: two UTF-16 units).
 */
const writtenStream = fc
  .tuple(
    stream,
    fc.constantFrom('\n', '\r\n'),
    fc.constantFrom('', '---\n', '# a dump\n\n', '# a dump\n---\n', '---\n# first\n---\n'),
    fc.constantFrom(null, 'wéb', 'd\u{1F600}b'),
    fc.boolean(),
  )
  .map(([text, eol, head, wide, ties]) => {
    // Cluster policies far apart at one priority: a tie the last window has to warn about.
    const tie = (name: string) =>
      `apiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\nmetadata:\n  name: ${name}\nspec:\n  priority: 3\n  subject:\n    namespaces: {}\n`;
    const body = ties ? `${tie('tie-b')}---\n${text}---\n${tie('tie-a')}` : text;
    return `${head}${wide ? body.replaceAll('web', wide) : body}`.replaceAll('\n', eol);
  });

/**
 * `validate`'s streamed read: the text given in pieces cut at `cuts`, read a window of at least
 * `size` characters at a time.
 */
function streamedRead(text: string, cuts: readonly number[], size: number, options: ReadOptions) {
  const reader = new DiagnosticsStream(options);
  let count = 0;
  const windows = new DocumentWindows(size, (window) => {
    count++;
    reader.read(window);
  });
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    windows.push(text.slice(at, Math.max(at, cut)));
    at = Math.max(at, cut);
  }
  windows.push(text.slice(at));
  windows.end();
  return { ...reader.finish(), windows: count };
}

/** Every manifest the fixtures hold (YAML files, JSON streams, the manifests in case files). */
function fixtureTexts(): string[] {
  const root = join(import.meta.dirname, '../..');
  const texts: string[] = [];
  /** Every manifest a fixture holds: YAML files, and the manifests inside JSON case files. */
  const strings = (v: unknown): void => {
    if (typeof v === 'string') {
      if (/\bkind:|"kind"/.test(v)) texts.push(v);
    } else if (Array.isArray(v)) v.forEach(strings);
    else if (v && typeof v === 'object') Object.values(v).forEach(strings);
  };
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(name)) texts.push(readFileSync(p, 'utf8'));
      else if (/\.json$/.test(name)) {
        const text = readFileSync(p, 'utf8');
        let cases: unknown;
        try {
          cases = JSON.parse(text);
        } catch {
          cases = undefined;
        }
        // A JSON stream or a manifest is read as it is; a case file for its manifests.
        if (Array.isArray(cases)) strings(cases);
        else texts.push(text);
      }
    }
  };
  // fixtures/ holds the project's copies of the shared conformance cases (a clone has no ../shared).
  walk(join(root, 'fixtures'));
  for (const c of [...loadConformanceCases(), ...loadCnpCases()])
    texts.push(`${clusterManifests(c)}\n---\n${(c as { policies?: string }).policies ?? ''}`);
  texts.push(generateCluster(300, { clusterPolicies: 10 }));
  return texts;
}

const SCHEMAS = [POD, NETWORK_POLICY, NAMESPACE, GENERIC, CRON_JOB, CONTROLLER('Deployment')];

/** Decoded values with the `any` fields (positioned nodes, or the plain read's stand-in) alike. */
function comparable(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(comparable);
  if (v && typeof v === 'object') {
    if (Object.isFrozen(v) || 'start' in v) return 'any';
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, comparable(x)]));
  }
  return v;
}

describe('lean read from plain values', () => {
  it('equals the full read on random streams', () => {
    fc.assert(
      fc.property(stream, (text) => {
        const full = outcome(readWorkspace(text));
        expect(outcome(readWorkspace(text, { lean: true }))).toEqual(full);
        expect(outcome(readWorkspace(text, { lean: 'keep-policies' }))).toEqual(full);
      }),
      { seed: SEED, numRuns: 250 },
    );
  });

  it('says what the full read says without building a model (validate), on random streams', () => {
    const options = fc.constantFrom(
      {},
      { defaultNamespace: 'team-0' },
      { defaultNamespace: 'web', enforceNamespace: true },
      { defaultNamespace: '' },
    );
    fc.assert(
      fc.property(stream, options, (text, o) => {
        const only = readWorkspace(text, { ...o, lean: 'diagnostics' });
        expect(said(only)).toEqual(said(readWorkspace(text, o)));
        // Nothing of the model is built: no workload, policy or other object is kept.
        expect([only.workloads, only.policies, only.others]).toEqual([[], [], []]);
      }),
      { seed: SEED, numRuns: 250 },
    );
  });

  it('says what the full read says when the text is streamed in pieces (validate of a file)', () => {
    const options = fc.constantFrom(
      {},
      { defaultNamespace: 'team-0' },
      { defaultNamespace: 'web', enforceNamespace: true },
      { defaultNamespace: '' },
    );
    let windows = 0;
    fc.assert(
      fc.property(
        writtenStream,
        // Cuts anywhere: inside a `---`, between a CR and its LF, between two UTF-16 units.
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.integer({ min: 1, max: 600 }),
        options,
        (text, cuts, size, o) => {
          const full = readWorkspace(text, o);
          // Given whole, or in pieces cut anywhere.
          expect(streamedRead(text, [], size, o).diagnostics).toEqual(full.diagnostics);
          const streamed = streamedRead(
            text,
            cuts.map((c) => c % (text.length + 1)),
            size,
            o,
          );
          expect(streamed.diagnostics).toEqual(full.diagnostics);
          expect(streamed.documents).toBe(full.documents.length);
          windows += streamed.windows;
        },
      ),
      { seed: SEED, numRuns: STREAM_RUNS },
    );
    // The texts were read in many windows, not whole: two reads a run, whole they would be one
    // window each. (Over 1,000 held for most seeds, not all: seed 1380934730 gave 996.)
    expect(windows).toBeGreaterThan(3 * STREAM_RUNS);
  });

  it('streams every fixture and conformance case as the full read says them', () => {
    // The CLI drops a byte order mark before the stream reader sees the text.
    for (const text of fixtureTexts().map((t) => t.replace(/^\ufeff/, ''))) {
      const full = readWorkspace(text);
      for (const size of [1, 300, 1 << 16]) {
        const cuts = [...Array(8).keys()].map((k) => Math.floor((text.length * k) / 7) - 1);
        expect(streamedRead(text, cuts, size, {}).diagnostics).toEqual(full.diagnostics);
      }
    }
  });

  it('says what the full read says without building a model on every fixture and conformance case', () => {
    const texts = fixtureTexts();
    expect(texts.length).toBeGreaterThan(100);
    let diagnostics = 0;
    for (const text of texts) {
      const full = readWorkspace(text);
      diagnostics += full.diagnostics.length;
      expect(said(readWorkspace(text, { lean: 'diagnostics' }))).toEqual(said(full));
    }
    // The fixtures hold broken manifests too: the law is tested on diagnostics, not only on none.
    expect(diagnostics).toBeGreaterThan(50);
  });

  it('decodes plain values as the tree, or leaves them to it', () => {
    let plain = 0;
    fc.assert(
      fc.property(stream, (text) => {
        for (const span of splitDocuments(text).documents) {
          const { contentStart, end } = span;
          const values = plainDocument(text, contentStart, end, DEFAULT_LIMITS.maxDepth);
          if (!values) continue;
          // The plain subset is within the fast parser's, with the same root offsets.
          const tree = fastDocumentTree(text, contentStart, end, DEFAULT_LIMITS.maxDepth);
          expect(tree).toBeTruthy();
          expect([values.start, values.end]).toEqual([tree?.start, tree?.end]);
          for (const spec of SCHEMAS) {
            const fromValues = decodePlainObject(values.root, spec);
            if (!fromValues || !tree) continue;
            plain++;
            const fromTree = decodeObject(tree, spec, '');
            expect(fromTree.issues).toEqual([]);
            expect(comparable(fromValues.value)).toEqual(comparable(fromTree.value));
          }
        }
      }),
      { seed: SEED, numRuns: 100 },
    );
    expect(plain).toBeGreaterThan(100);
  });

  it('counts the server fields of plain documents as the full read does', () => {
    const pods = ['"123"', '""', '~', '"9"', "''", 'null'].map((rv, i) =>
      [
        'apiVersion: v1',
        'kind: Pod',
        'metadata:',
        `  name: p${i}`,
        `  resourceVersion: ${rv}`,
        ...(i % 2 === 0
          ? ['  annotations:', '    kubectl.kubernetes.io/last-applied-configuration: x']
          : []),
        ...(i > 2 ? ['status:', '  podIP: 10.0.0.1'] : []),
      ].join('\n'),
    );
    const text = `${pods.join('\n---\n')}\n`;
    const full = readWorkspace(text);
    expect(full.diagnostics.map((d) => d.code)).toEqual(['M19', 'M19', 'M19']);
    expect(outcome(readWorkspace(text, { lean: true }))).toEqual(outcome(full));
  });

  it('reads a generated cluster from plain values', () => {
    const text = generateCluster(300);
    const spans = splitDocuments(text).documents;
    const plain = spans.filter((s) => plainDocument(text, s.contentStart, s.end, 100));
    expect(plain.length).toBe(spans.length);
    expect(outcome(readWorkspace(text, { lean: true }))).toEqual(outcome(readWorkspace(text)));
  });
});
