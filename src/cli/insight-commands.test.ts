import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { nodeFs } from './node-io.ts';
import { runCli } from './run-cli.ts';

const root = join(import.meta.dirname, '../..');
const at = (p: string) => join(root, 'fixtures', p);

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

interface JsonFinding {
  severity: string;
  message: string;
  rule: string;
  code: string;
  file: string;
  line: number;
  column: number;
  path: string;
  document: number;
}

describe('lint', () => {
  it('prints findings as file:line:column: severity: message [rule]', async () => {
    const r = await cli(['lint', at('lint/label-typo.yaml')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      `${at('lint/label-typo.yaml')}:43:7: warning: podSelector apps=web matches no pod in namespace blog`,
    );
    expect(r.stdout).toMatch(/\[pod-selector-matches-nothing\]\n/);
    expect(r.stderr).toMatch(/0 errors, 1 warning, 2 info/);
  });

  it('--strict exits 1 on warnings, and not on information alone', async () => {
    expect((await cli(['lint', '--strict', at('lint/label-typo.yaml')])).code).toBe(1);
    expect((await cli(['lint', '--strict', at('cli/three-tier.yaml')])).code).toBe(0);
  });

  it("--format json has validate's shape plus the rule, with each file and its own lines", async () => {
    const r = await cli([
      'lint',
      '--format',
      'json',
      at('lint/one-dash-two.yaml'),
      at('lint/wrong-namespace.yaml'),
    ]);
    const { diagnostics } = JSON.parse(r.stdout) as { diagnostics: JsonFinding[] };
    const and = diagnostics.find((d) => d.rule === 'peers-or-maybe-and');
    expect(and).toMatchObject({
      severity: 'info',
      code: 'peers-or-maybe-and',
      file: at('lint/one-dash-two.yaml'),
      line: 44,
      column: 7,
      path: 'spec.ingress[0].from[0]',
      document: 3,
    });
    const wrong = diagnostics.find((d) => d.rule === 'policy-selects-nothing');
    expect(wrong).toMatchObject({ file: at('lint/wrong-namespace.yaml'), line: 47, document: 3 });
    for (const d of diagnostics)
      expect(Object.keys(d)).toEqual(
        expect.arrayContaining([
          'severity',
          'message',
          'path',
          'document',
          'line',
          'column',
          'rule',
        ]),
      );
  });

  it('reports each of the six classic mistakes from one directory', async () => {
    const r = await cli(['lint', '--format', 'json', at('lint')]);
    const rules = (JSON.parse(r.stdout) as { diagnostics: JsonFinding[] }).diagnostics.map(
      (d) => d.rule,
    );
    for (const rule of [
      'dns-egress-missing',
      'dns-egress-udp-only',
      'namespace-selector-matches-nothing',
      'peers-or-maybe-and',
      'pod-selector-matches-nothing',
      'policy-selects-nothing',
    ])
      expect(rules).toContain(rule);
  });

  it('--format sarif writes SARIF 2.1.0 with rules and located results', async () => {
    const r = await cli(['lint', '--format', 'sarif', at('lint/missing-dns-egress.yaml')]);
    const sarif = JSON.parse(r.stdout) as {
      version: string;
      runs: {
        tool: { driver: { rules: { id: string }[] } };
        results: {
          ruleId: string;
          level: string;
          locations: { physicalLocation: { region: { startLine: number } } }[];
        }[];
      }[];
    };
    expect(sarif.version).toBe('2.1.0');
    const run = sarif.runs[0]!;
    const dns = run.results.find((x) => x.ruleId === 'dns-egress-missing');
    expect(dns?.level).toBe('warning');
    expect(dns?.locations[0]?.physicalLocation.region.startLine).toBe(50);
    expect(run.tool.driver.rules.map((x) => x.id)).toContain('dns-egress-missing');
  });

  it("lists the API server's errors too and exits 1: a rejected file is not clean", async () => {
    const r = await cli(['lint', at('cli/bad-endport.yaml')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/error: .*endPort/);
  });

  it('reads standard input, and a usage error with --format sarif is still JSON', async () => {
    const r = await cli(['lint', '-'], readFileSync(at('lint/one-dash-two.yaml'), 'utf8'));
    expect(r.stdout).toMatch(/^-:44:7: info: /m);
    const u = await cli(['lint', '--format', 'sarif', '--port', '80', '-']);
    expect(u.code).toBe(2);
    expect(JSON.parse(u.stdout)).toMatchObject({ error: { code: 'usage' } });
  });
});

describe('diff', () => {
  const before = at('cli/three-tier.yaml');
  const after = at('cli/insight/shop-after.yaml');

  it('writes Markdown for a pull request: newly allowed and newly denied, with the deciding policies', async () => {
    const r = await cli(['diff', before, after]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('### NetworkPolicy reachability: 1 newly allowed, 1 newly denied');
    expect(r.stdout).toContain('| shop/web | shop/db | TCP 5432 | shop/db-from-api |');
    expect(r.stdout).toMatch(
      /\*\*Newly denied\*\* \(1\)[\s\S]*\| shop\/web \| shop\/api \| TCP 9000 \|/,
    );
  });

  it('--fail-on-new-allow exits 1 when the new version allows a flow the old denied, 0 without change', async () => {
    expect((await cli(['diff', '--fail-on-new-allow', before, after])).code).toBe(1);
    const narrowing = await cli(['diff', '--fail-on-new-allow', after, before]);
    expect(narrowing.code).toBe(1); // after→before re-allows web→api
    const same = await cli(['diff', '--fail-on-new-allow', before, before]);
    expect(same.code).toBe(0);
    expect(same.stdout).toMatch(/no change \(6 flows compared\)/);
  });

  it('--format json lists the changes with explanations', async () => {
    const r = await cli(['diff', '--format', 'json', before, after]);
    const d = JSON.parse(r.stdout) as {
      newlyAllowed: { from: string; to: string; port: number; reason: string }[];
      newlyDenied: unknown[];
      flowsCompared: number;
    };
    expect(d.newlyAllowed).toMatchObject([{ from: 'shop/web', to: 'shop/db', port: 5432 }]);
    expect(d.newlyAllowed[0]?.reason).toMatch(/^allowed: /);
    expect(d.newlyDenied).toHaveLength(1);
    expect(d.flowsCompared).toBe(6);
  });

  it('needs exactly two versions, and refuses a missing one with exit 2', async () => {
    expect((await cli(['diff', before])).code).toBe(2);
    const missing = await cli(['diff', '--format', 'json', before, at('cli/nope.yaml')]);
    expect(missing.code).toBe(2);
    expect(JSON.parse(missing.stdout)).toMatchObject({ error: { code: 'no-such-file' } });
  });

  it('one version may come from standard input', async () => {
    const r = await cli(['diff', before, '-'], readFileSync(after, 'utf8'));
    expect(r.stdout).toContain('1 newly allowed, 1 newly denied');
  });
});

describe('check', () => {
  const expectations = at('cli/insight/expectations.yaml');

  it('passes when every expected flow holds', async () => {
    const r = await cli(['check', '--expect', expectations, at('cli/three-tier.yaml')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^PASS the web tier reaches the API: shop\/web → shop\/api TCP http allowed/m,
    );
    expect(r.stdout).toMatch(/4 passed, 0 failed\n$/);
  });

  it('exits 1 with each failure located in the expectations file and explained', async () => {
    const r = await cli(['check', '--expect', expectations, at('cli/insight/shop-after.yaml')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`FAIL ${expectations}:3:3: the web tier reaches the API`);
    expect(r.stdout).toMatch(
      /shop\/web → shop\/api TCP 9000 is denied: shop\/api is isolated for ingress/,
    );
    expect(r.stdout).toMatch(
      /shop\/web → shop\/db TCP 5432 is allowed: .*allowed by: shop\/db-from-api/,
    );
    expect(r.stdout).toMatch(/2 passed, 2 failed/);
  });

  it('--format json gives each result with its place', async () => {
    const r = await cli([
      'check',
      '--format',
      'json',
      '--expect',
      expectations,
      at('cli/insight/shop-after.yaml'),
    ]);
    const out = JSON.parse(r.stdout) as {
      passed: number;
      failed: number;
      results: { line: number; passed: boolean; failures: unknown[] }[];
    };
    expect([out.passed, out.failed]).toEqual([2, 2]);
    expect(out.results.map((x) => [x.line, x.passed])).toEqual([
      [3, false],
      [8, false],
      [14, true],
      [18, true],
    ]);
  });

  it('a broken expectations file is a located refusal (exit 2), and --expect is required', async () => {
    const r = await cli(
      ['check', '--expect', '-', at('cli/three-tier.yaml')],
      'expectations:\n- from: shop/web\n  to: shop/api\n  port: 99999\n  allowed: true\n',
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^-:4:9: error: port: a number from 1 to 65535/m);
    expect((await cli(['check', at('cli/three-tier.yaml')])).code).toBe(2);
    const unknownWorkload = await cli(
      ['check', '--expect', '-', at('cli/three-tier.yaml')],
      '- {from: shop/nope, to: shop/api, port: 80, allowed: false}\n',
    );
    expect(unknownWorkload.code).toBe(1);
    expect(unknownWorkload.stdout).toMatch(/shop\/nope matches no workload/);
  });
});

describe('analyze --external', () => {
  const file = at('cli/insight/external.yaml');

  it('lists each pod with each range the ipBlocks draw, both ways, after the matrix', async () => {
    const r = await cli(['analyze', '--external', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('10.0.0.0-10.0.255.255 => shop/web : TCP 8080');
    expect(r.stdout).toContain('10.1.0.0-10.1.255.255 => shop/web : No Connections');
    expect(r.stdout).toContain(
      'shop/api => 2001:db8::-2001:db8:ffff:ffff:ffff:ffff:ffff:ffff : TCP 443',
    );
  });

  it('--format json adds an "external" list; with --port each entry is a verdict', async () => {
    const plain = JSON.parse(
      (await cli(['analyze', '--format', 'json', '--external', file])).stdout,
    ) as {
      flows: unknown[];
      external: { from: string; to: string; connections: string }[];
    };
    expect(plain.flows).toHaveLength(2);
    expect(plain.external).toHaveLength(8 * 2 * 2);
    const withPort = JSON.parse(
      (await cli(['analyze', '--format', 'json', '--external', '--port', '443', file])).stdout,
    ) as { external: { from: string; to: string; allowed: boolean; port: number }[] };
    expect(
      withPort.external.find((f) => f.from === 'shop/api' && f.to.startsWith('2001:db8::-')),
    ).toMatchObject({ allowed: true, port: 443 });
    // Without --external the output keeps its shape.
    expect(
      Object.keys(JSON.parse((await cli(['analyze', '--format', 'json', file])).stdout)),
    ).toEqual(['flows']);
  });
});
