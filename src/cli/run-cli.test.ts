import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { nodeFs } from './node-io.ts';
import { runCli } from './run-cli.ts';

const fixture = (name: string) => join(import.meta.dirname, '../../fixtures/cli', name);

async function cli(argv: string[], stdin = '') {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdin: async () => Buffer.from(stdin),
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    fs: nodeFs,
  });
  return { code, stdout, stderr };
}

interface Flow {
  from: string;
  to: string;
  port: number | null;
  portName?: string;
  protocol: string;
  allowed: boolean;
  explanation?: { reason: string; ingress: { matches: { policy: string }[] } };
}

describe('analyze', () => {
  it('lists every ordered pair of distinct pods at each declared port, explained with --explain', async () => {
    const r = await cli(['analyze', '--format', 'json', '--explain', fixture('three-tier.yaml')]);
    expect(r.code).toBe(0);
    const flows = (JSON.parse(r.stdout) as { flows: Flow[] }).flows;
    // 3 pods, each destination declares one port: 3 × 2 ordered distinct pairs.
    expect(flows).toHaveLength(6);
    const allowed = flows.filter((f) => f.allowed).map((f) => `${f.from}->${f.to}:${f.port}`);
    expect(allowed.sort()).toEqual(['shop/api->shop/db:5432', 'shop/web->shop/api:9000']);
    const webToApi = flows.find((f) => f.from === 'shop/web' && f.to === 'shop/api');
    expect(webToApi?.protocol).toBe('TCP');
    expect(webToApi?.explanation?.ingress.matches.map((m) => m.policy)).toEqual([
      'shop/api-from-web',
    ]);
  });

  it('with --port probes every ordered pair including a pod to itself, and resolves names per destination', async () => {
    const r = await cli([
      'analyze',
      '--port',
      'http',
      '--format',
      'json',
      '--explain',
      fixture('three-tier.yaml'),
    ]);
    expect(r.code).toBe(0);
    const flows = (JSON.parse(r.stdout) as { flows: Flow[] }).flows;
    expect(flows).toHaveLength(9);
    const toApi = flows.find((f) => f.from === 'shop/web' && f.to === 'shop/api');
    expect(toApi).toMatchObject({ allowed: true, port: 9000 });
    const toDb = flows.find((f) => f.from === 'shop/api' && f.to === 'shop/db');
    // db declares no port named http: denied, port null, the name and the reason kept.
    expect(toDb).toMatchObject({ allowed: false, port: null, portName: 'http' });
    expect(toDb?.explanation?.reason).toMatch(/no TCP container port named "http"/);
    expect(flows.filter((f) => f.from === f.to)).toHaveLength(3);
  });

  it('summarises counts as one JSON object', async () => {
    const r = await cli(['analyze', '--format', 'summary', fixture('three-tier.yaml')]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      pods: 3,
      policies: 3,
      flows: 6,
      allowed: 2,
      denied: 4,
      ingressIsolatedPods: 3,
      egressIsolatedPods: 0,
    });
  });

  it('prints a matrix for people', async () => {
    const r = await cli(['analyze', fixture('three-tier.yaml')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('2 of 6 flows allowed');
    expect(r.stdout).toMatch(/shop\/web\s+-\s+✓\s+✗/);
  });

  it('reads standard input with -', async () => {
    const text = await readFile(fixture('three-tier.yaml'), 'utf8');
    const r = await cli(['analyze', '--format', 'summary', '-'], text);
    expect(JSON.parse(r.stdout)).toMatchObject({ pods: 3, allowed: 2 });
  });

  it('forms one workspace from several files', async () => {
    const r = await cli([
      'analyze',
      '--format',
      'summary',
      fixture('three-tier.yaml'),
      fixture('bad-endport.yaml'),
    ]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ pods: 3, policies: 3, invalidPolicies: 1 });
    expect(r.stderr).toContain('bad-endport.yaml:11:');
  });
});

/** n pods in one namespace, every one reachable on 8080 except from pod 0 (a default deny on it). */
function manyPods(n: number): string {
  const pods = Array.from(
    { length: n },
    (_, i) =>
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-with-a-rather-long-name-${i}\n  namespace: big\n  labels:\n    i: "${i}"\nspec:\n  containers:\n  - name: c\n    image: x\n    ports:\n    - containerPort: 8080\n`,
  );
  const deny = `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: pod-0-no-egress\n  namespace: big\nspec:\n  podSelector:\n    matchLabels:\n      i: "0"\n  policyTypes: [Egress]\n`;
  return [...pods, deny].map((d) => `---\n${d}`).join('');
}

describe('analyze options', () => {
  it('keeps the declared ports of one protocol with --protocol', async () => {
    const r = await cli([
      'analyze',
      '--protocol',
      'UDP',
      '--format',
      'json',
      fixture('protocols.yaml'),
    ]);
    expect(r.code).toBe(0);
    const flows = (JSON.parse(r.stdout) as { flows: Flow[] }).flows;
    expect(flows.map((f) => [f.from, f.to, f.port, f.protocol, f.allowed])).toEqual([
      ['infra/client', 'infra/dns', 53, 'UDP', true],
    ]);
  });

  it('probes every declared port and protocol without --port', async () => {
    const r = await cli(['analyze', '--format', 'json', fixture('protocols.yaml')]);
    const flows = (JSON.parse(r.stdout) as { flows: Flow[] }).flows;
    expect(flows.map((f) => `${f.port}/${f.protocol}:${f.allowed}`).sort()).toEqual([
      '3868/SCTP:false',
      '53/TCP:false',
      '53/UDP:true',
    ]);
  });

  it('resolves a name with its protocol: dns is UDP 53, dns-tcp TCP 53', async () => {
    for (const [args, allowed] of [
      [['--port', 'dns', '--protocol', 'UDP'], true],
      [['--port', 'dns'], false],
      [['--port', 'dns-tcp'], false],
      [['--port', '3868', '--protocol', 'sctp'], false],
    ] as const) {
      const r = await cli(['analyze', ...args, '--format', 'json', fixture('protocols.yaml')]);
      const flows = (JSON.parse(r.stdout) as { flows: Flow[] }).flows;
      const f = flows.find((x) => x.from === 'infra/client' && x.to === 'infra/dns');
      expect(f?.allowed, args.join(' ')).toBe(allowed);
    }
  });

  it('summarises at one port too', async () => {
    const r = await cli([
      'analyze',
      '--port',
      '5432',
      '--format',
      'summary',
      fixture('three-tier.yaml'),
    ]);
    expect(JSON.parse(r.stdout)).toMatchObject({ pods: 3, flows: 6, allowed: 1, denied: 5 });
  });

  it('writes a valid empty flow list when there are no pods', async () => {
    const r = await cli(['analyze', '--format', 'json', fixture('bad-endport.yaml')]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({ flows: [] });
    const t = await cli(['analyze', fixture('bad-endport.yaml')]);
    expect(t.stdout).toContain('nothing to analyse');
  });

  it('lists flows instead of a matrix when the pods do not fit 80 columns', async () => {
    const r = await cli(['analyze', '-'], manyPods(40));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('1521 of 1560 flows allowed');
    // Most flows are allowed, so the denied ones are listed: pod 0 reaches nobody.
    expect(r.stdout).toContain('Denied flows, 39 pod pairs');
    expect(r.stdout).toMatch(
      /big\/pod-with-…er-long-name-0 → big\/pod-with-…er-long-name-1 +8080\/TCP/,
    );
    for (const line of r.stdout.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
  });

  it('draws a matrix within 80 columns while the pods fit', async () => {
    const r = await cli(['analyze', '-'], manyPods(24));
    expect(r.stdout).toContain('rows: from, columns: to');
    for (const line of r.stdout.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
  });

  it('caps a long list and points to the json output', async () => {
    const text = manyPods(30).replace(
      /policyTypes: \[Egress\]/,
      'policyTypes: [Egress]\n  egress: []',
    );
    const r = await cli(
      ['analyze', '-'],
      text
        .replace(/i: "0"/g, 'none: "x"')
        .replace('matchLabels:\n      none: "x"', 'matchLabels: {}'),
    );
    // Every pod egress-isolated: nothing allowed, so the allowed list is empty.
    expect(r.stdout).toContain('Allowed flows, 0 pod pairs');
    const open = await cli(['analyze', '-'], manyPods(300));
    expect(open.stdout).toContain('… and ');
    expect(open.stdout).toContain('--format json lists every flow');
  });
});

describe('validate', () => {
  it('prints file:line:column: severity: message and exits 1 on an error', async () => {
    const r = await cli(['validate', fixture('bad-endport.yaml')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `${fixture('bad-endport.yaml')}:11:16: error: spec.ingress[0].ports[0].endPort: Invalid value: 8080: must be greater than or equal to \`port\``,
    );
  });

  it('writes json diagnostics with path, document, line and column', async () => {
    const r = await cli(['validate', '--format', 'json', fixture('bad-endport.yaml')]);
    const { diagnostics } = JSON.parse(r.stdout) as { diagnostics: Record<string, unknown>[] };
    expect(diagnostics).toContainEqual(
      expect.objectContaining({
        severity: 'error',
        path: 'spec.ingress[0].ports[0].endPort',
        document: 0,
        line: 11,
        column: 16,
      }),
    );
  });

  it('exits 0 for valid input', async () => {
    const r = await cli(['validate', fixture('three-tier.yaml')]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter((l) => l.includes(': error:'))).toEqual([]);
  });

  it('counts a file in a multi-file workspace by its own documents and lines', async () => {
    const r = await cli([
      'validate',
      '--format',
      'json',
      fixture('three-tier.yaml'),
      fixture('bad-endport.yaml'),
    ]);
    const { diagnostics } = JSON.parse(r.stdout) as {
      diagnostics: { file: string; document: number; line: number }[];
    };
    const bad = diagnostics.find((d) => d.file.endsWith('bad-endport.yaml'));
    expect(bad).toMatchObject({ document: 0, line: 11 });
  });
});

describe('errors and exit codes', () => {
  it('exits 2 with usage on a bad command line', async () => {
    const r = await cli(['analyze', '--protocol', 'ICMP', 'x.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Usage:');
  });

  it('exits 2 for a missing file, without a stack trace', async () => {
    const r = await cli(['validate', '/nonexistent/policies.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('/nonexistent/policies.yaml: error: no such file or directory\n');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    ['garbage', '\u0000\u0001binary\u00ff{{{'],
    ['unclosed flow', 'kind: [NetworkPolicy\n'],
    [
      'alias bomb',
      'a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n',
    ],
  ])('reports %s as a located error', async (_name, text) => {
    for (const command of ['validate', 'analyze']) {
      const r = await cli([command, '-'], text);
      expect(r.code).toBe(1);
      expect(r.stdout + r.stderr).toMatch(/^-:\d+:\d+: error: /m);
      expect(r.stdout + r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it.each([
    [['frobnicate', 'a.yaml'], 'unknown command'],
    [['analyze'], 'needs at least one file'],
    [['validate'], 'needs at least one file'],
    [[], 'no command'],
    [['analyze', '--port', 'x_y', 'a.yaml'], 'not a port number'],
    [['analyze', '--port', '65536', 'a.yaml'], 'between 1 and 65535'],
    [['analyze', '--format', 'yaml', 'a.yaml'], 'table, json, ndjson or summary'],
    [['validate', '--format', 'table', 'a.yaml'], 'text or json'],
    [['validate', '--verbose', 'a.yaml'], 'unknown option --verbose'],
  ])('exits 2 for %j with a short usage on stderr', async (argv, message) => {
    const r = await cli(argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain('Usage:');
    expect(r.stderr).toContain('--help');
    expect(r.stderr.split('\n').length).toBeLessThan(12);
  });

  it('refuses the input when one file cannot be read: no summary of the others', async () => {
    const r = await cli([
      'analyze',
      '--format',
      'summary',
      fixture('three-tier.yaml'),
      '/nonexistent.yaml',
    ]);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toEqual({
      error: {
        code: 'no-such-file',
        message: 'no such file or directory',
        file: '/nonexistent.yaml',
      },
    });
    expect(r.stderr).toBe('/nonexistent.yaml: error: no such file or directory\n');
  });

  it('names standard input - in validate text', async () => {
    const text = await readFile(fixture('bad-endport.yaml'), 'utf8');
    const r = await cli(['validate', '-'], text);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^-:11:16: error: spec\.ingress\[0\]\.ports\[0\]\.endPort: /m);
    expect(r.stderr).toContain('1 error, 0 warnings');
  });

  it('reports an internal fault as a message, exit 1, no stack trace', async () => {
    let stderr = '';
    const code = await runCli(['validate', '--format', 'json', 'x.yaml'], {
      stdin: async () => Buffer.from(''),
      stdout: () => {
        throw new TypeError('boom');
      },
      stderr: (s) => (stderr += s),
      fs: {
        ...nodeFs,
        kind: async () => 'file',
        readFile: async () =>
          Buffer.from('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n'),
      },
    });
    expect(code).toBe(1);
    expect(stderr).toBe('netpol-canvas: internal error: boom\n');
  });

  it('prints help and version', async () => {
    for (const argv of [['--help'], ['-h'], ['analyze', '--help'], ['validate', '-h', 'x']]) {
      const r = await cli(argv);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('netpol-canvas analyze');
      expect(r.stderr).toBe('');
    }
    const help = (await cli(['--help'])).stdout;
    for (const line of help.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
    const v = await cli(['--version']);
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/^netpol-canvas \d+\.\d+\.\d+\n$/);
  });
});
