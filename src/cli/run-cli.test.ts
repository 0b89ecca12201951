import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli } from './run-cli.ts';

const fixture = (name: string) => join(import.meta.dirname, '../../fixtures/cli', name);

async function cli(argv: string[], stdin = '') {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdin: async () => stdin,
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    readFile: (p) => readFile(p, 'utf8'),
  });
  return { code, stdout, stderr };
}

interface Flow {
  from: string;
  to: string;
  port: number | string;
  protocol: string;
  allowed: boolean;
  explanation: { reason: string; ingress: { matches: { policy: string }[] } };
}

describe('analyze', () => {
  it('lists every ordered pair of distinct pods at each declared port, with explanations', async () => {
    const r = await cli(['analyze', '--format', 'json', fixture('three-tier.yaml')]);
    expect(r.code).toBe(0);
    const flows = (JSON.parse(r.stdout) as { flows: Flow[] }).flows;
    // 3 pods, each destination declares one port: 3 × 2 ordered distinct pairs.
    expect(flows).toHaveLength(6);
    const allowed = flows.filter((f) => f.allowed).map((f) => `${f.from}->${f.to}:${f.port}`);
    expect(allowed.sort()).toEqual(['shop/api->shop/db:5432', 'shop/web->shop/api:9000']);
    const webToApi = flows.find((f) => f.from === 'shop/web' && f.to === 'shop/api');
    expect(webToApi?.protocol).toBe('TCP');
    expect(webToApi?.explanation.ingress.matches.map((m) => m.policy)).toEqual([
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
      fixture('three-tier.yaml'),
    ]);
    expect(r.code).toBe(0);
    const flows = (JSON.parse(r.stdout) as { flows: Flow[] }).flows;
    expect(flows).toHaveLength(9);
    const toApi = flows.find((f) => f.from === 'shop/web' && f.to === 'shop/api');
    expect(toApi).toMatchObject({ allowed: true, port: 9000 });
    const toDb = flows.find((f) => f.from === 'shop/api' && f.to === 'shop/db');
    expect(toDb?.allowed).toBe(false);
    expect(toDb?.explanation.reason).toMatch(/http/);
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

  it('exits 1 for a missing file, without a stack trace', async () => {
    const r = await cli(['validate', '/nonexistent/policies.yaml']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('/nonexistent/policies.yaml: error: no such file');
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

  it('prints help and version', async () => {
    expect((await cli(['--help'])).stdout).toContain('netpol-canvas analyze');
    expect((await cli(['--version'])).stdout).toMatch(/^netpol-canvas \d+\.\d+\.\d+/);
  });
});
