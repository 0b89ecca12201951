// The built binary on input as it comes in practice: kubectl-style paths and directories, missing
// files, other encodings, comment-only files, unrendered Helm charts, files without a last newline.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Built by build-cli.global-setup.ts before the tests run.
const bin = join(import.meta.dirname, '../../dist-cli/netpol-canvas.mjs');
const fixtures = join(import.meta.dirname, '../../fixtures/cli');
const fixture = (name: string) => join(fixtures, name);

function run(args: string[], input?: string | Buffer) {
  const r = spawnSync(process.execPath, [bin, ...args], { input, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  severity: string;
  code: string;
  message: string;
}

const diagnosticsOf = (stdout: string) =>
  (JSON.parse(stdout) as { diagnostics: JsonDiagnostic[] }).diagnostics;

/** The files named by error diagnostics, in the order they are reported. */
const filesWithErrors = (stdout: string) =>
  diagnosticsOf(stdout)
    .filter((d) => d.severity === 'error')
    .map((d) => d.file);

const tmp = () => mkdtempSync(join(tmpdir(), 'netpol-canvas-input-'));

describe('a path that cannot be read', () => {
  const missing = join(tmpdir(), 'netpol-canvas-no-such-dir', 'policies.yaml');

  it('is refused with one line on stderr, exit 2 and nothing on stdout', () => {
    for (const args of [
      ['validate', missing],
      ['analyze', missing],
      ['analyze', fixture('three-tier.yaml'), missing],
    ]) {
      const r = run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(`${missing}: error: no such file or directory\n`);
    }
  });

  it('still gets a JSON document on stdout with a JSON format: an error, not a result', () => {
    for (const args of [
      ['validate', '--format', 'json', missing],
      ['analyze', '-o', 'json', missing],
      ['analyze', '--format=summary', fixture('three-tier.yaml'), missing],
    ]) {
      const r = run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(JSON.parse(r.stdout)).toEqual({
        error: { code: 'no-such-file', message: 'no such file or directory', file: missing },
      });
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).not.toContain('internal error');
    }
  });

  it('keeps JSON a JSON document on a usage error too', () => {
    const r = run(['validate', '--format', 'json', '--bogus', fixture('three-tier.yaml')]);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toEqual({
      error: { code: 'usage', message: 'unknown option --bogus' },
    });
    expect(r.stderr).toContain('unknown option --bogus');
  });
});

describe('a directory', () => {
  const dir = fixture('manifests-dir');

  it('is read like kubectl -f: its .yaml, .yml and .json files in lexical order, others skipped', () => {
    const r = run(['validate', '--format', 'json', dir]);
    expect(r.code).toBe(1);
    expect(filesWithErrors(r.stdout)).toEqual(
      ['10.yaml', '9.yml', 'B.json', 'a.yaml'].map((f) => join(dir, f)),
    );
  });

  it('is walked into with --recursive or -R, depth first in lexical order', () => {
    for (const flag of ['--recursive', '-R']) {
      const r = run(['validate', '--format', 'json', flag, dir]);
      expect(filesWithErrors(r.stdout)).toEqual(
        ['10.yaml', '9.yml', 'B.json', 'a.yaml', 'nested/deep.yaml'].map((f) => join(dir, f)),
      );
    }
  });

  it('is named with -f and --filename, repeated, besides positional paths', () => {
    const r = run([
      'validate',
      '--format',
      'json',
      '-f',
      join(dir, 'a.yaml'),
      `--filename=${join(dir, '9.yml')}`,
      join(dir, '10.yaml'),
    ]);
    expect(filesWithErrors(r.stdout)).toEqual(
      ['a.yaml', '9.yml', '10.yaml'].map((f) => join(dir, f)),
    );
  });
});

describe('standard input', () => {
  it('is read with - or -f -, beside files, and named -', () => {
    const text = readFileSync(fixture('bad-endport.yaml'));
    for (const stdin of [['-'], ['-f', '-']]) {
      const r = run(['validate', ...stdin, fixture('three-tier.yaml')], text);
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/^-:11:16: error: spec\.ingress\[0\]\.ports\[0\]\.endPort: /m);
      const summary = run(
        ['analyze', '--format', 'summary', ...stdin],
        readFileSync(fixture('three-tier.yaml')),
      );
      expect(JSON.parse(summary.stdout)).toMatchObject({ pods: 3, allowed: 2 });
    }
  });
});

describe('a file that is not UTF-8', () => {
  // "café" in Latin-1 on line 4: the byte 0xE9 is not UTF-8.
  const latin1 = Buffer.concat([
    Buffer.from('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: caf'),
    Buffer.from([0xe9]),
    Buffer.from('\n'),
  ]);

  it('is reported as such at file:line:column', () => {
    const file = join(tmp(), 'latin1.yaml');
    writeFileSync(file, latin1);
    const r = run(['validate', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      `${file}:4:12: error: not valid UTF-8 text (byte 0xE9); save it as UTF-8 and try again\n`,
    );
    const stdin = run(['validate', '--format', 'json', '-'], latin1);
    expect(diagnosticsOf(stdin.stdout)).toEqual([
      expect.objectContaining({ file: '-', line: 4, column: 12, code: 'invalid-utf-8' }),
    ]);
  });

  it('is refused by analyze: the located error on stderr, an error document on stdout', () => {
    const r = run(['analyze', '--format', 'summary', '-', fixture('three-tier.yaml')], latin1);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('-:4:12: error: not valid UTF-8 text');
    expect(JSON.parse(r.stdout)).toEqual({
      error: {
        code: 'invalid-utf-8',
        message: 'not valid UTF-8 text (byte 0xE9); save it as UTF-8 and try again',
        file: '-',
        line: 4,
        column: 12,
      },
    });
    const table = run(['analyze', '-'], latin1);
    expect(table.code).toBe(1);
    expect(table.stdout).toBe('');
  });
});

describe('a file in UTF-8', () => {
  it('reads non-ASCII text (with or without a byte order mark) as it reads ASCII', () => {
    const text = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: café\n';
    const dir = tmp();
    const plain = join(dir, 'plain.yaml');
    const bom = join(dir, 'bom.yaml');
    writeFileSync(plain, text);
    writeFileSync(bom, `\uFEFF${text}`);
    for (const file of [plain, bom]) {
      const r = run(['validate', '--format', 'json', file]);
      expect(diagnosticsOf(r.stdout)).toEqual([
        expect.objectContaining({ line: 4, column: 9, code: 'M9' }),
      ]);
      expect(diagnosticsOf(r.stdout)[0]?.message).toContain('"café"');
    }
  });
});

describe('a text of comments only', () => {
  it('exits 0 like any input without errors', () => {
    const comments = '# nothing here yet\n# kubectl apply says: no objects passed to apply\n';
    for (const args of [
      ['validate', '-'],
      ['validate', '--format', 'json', '-'],
      ['analyze', '--format', 'summary', '-'],
      ['analyze', '-'],
    ]) {
      const r = run(args, comments);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout + r.stderr).not.toMatch(/: error:/);
    }
  });
});

describe('an unrendered Helm template', () => {
  it('gets a hint to run helm template first, where the first {{ }} is', () => {
    const file = fixture('helm-deployment.yaml');
    const r = run(['validate', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `${file}:5:9: info: this looks like an unrendered Helm template ({{ … }}): run helm template first and check its output`,
    );
    const analyze = run(['analyze', file]);
    expect(analyze.stderr).toContain('run helm template first');
  });

  it('gets no hint for braces in a comment', () => {
    const r = run(['validate', '-'], '# {{ .Values.x }} is rendered elsewhere\n');
    expect(r.stdout).not.toContain('helm');
  });
});

describe('several files', () => {
  const dir = fixture('multi-file');
  const lineCount = (file: string) =>
    readFileSync(file, 'utf8').replace(/\n$/, '').split('\n').length;

  it('point every diagnostic at its own file and a line within it', () => {
    const files = ['10.yaml', '11.yaml', '12.yaml', '13.yaml'].map((f) => join(dir, f));
    const r = run(['validate', '--format', 'json', ...files]);
    const diagnostics = diagnosticsOf(r.stdout);
    expect(diagnostics.map((d) => `${d.file.slice(dir.length + 1)}:${d.line}`)).toEqual([
      '10.yaml:4',
      '11.yaml:4',
      '12.yaml:4',
      '13.yaml:4',
    ]);
    for (const d of diagnostics) {
      expect(d.line, JSON.stringify(d)).toBeLessThanOrEqual(lineCount(d.file));
      expect(d.endLine, JSON.stringify(d)).toBeLessThanOrEqual(lineCount(d.file));
    }
    // The same file alone gets the same place.
    const alone = diagnosticsOf(run(['validate', '--format', 'json', files[0]!]).stdout);
    expect(alone.map((d) => [d.line, d.column])).toEqual([
      [diagnostics[0]!.line, diagnostics[0]!.column],
    ]);
  });
});
