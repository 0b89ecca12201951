import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError, wantsJson } from './args.ts';

describe('parseArgs', () => {
  it('reads analyze options in both --flag value and --flag=value forms', () => {
    expect(
      parseArgs(['analyze', '--port', '80', '--protocol=udp', '--format', 'json', 'a.yaml', '-']),
    ).toEqual({
      command: 'analyze',
      port: 80,
      protocol: 'UDP',
      format: 'json',
      files: ['a.yaml', '-'],
      recursive: false,
      engine: null,
      by: 'workload',
      allowedOnly: false,
      deniedOnly: false,
      explain: false,
    });
    expect(parseArgs(['analyze', '--port=http', 'a.yaml'])).toMatchObject({
      port: 'http',
      format: 'table',
    });
  });

  it('defaults validate to text and accepts json', () => {
    expect(parseArgs(['validate', 'x.yaml'])).toEqual({
      command: 'validate',
      format: 'text',
      files: ['x.yaml'],
      recursive: false,
    });
    expect(parseArgs(['validate', '--format', 'json', '-'])).toMatchObject({
      format: 'json',
      files: ['-'],
    });
  });

  it.each([
    [[], 'no command'],
    [['frobnicate', 'a'], 'unknown command'],
    [['analyze'], 'needs at least one file'],
    [['analyze', '--port', '0', 'a'], 'between 1 and 65535'],
    [['analyze', '--port', '70000', 'a'], 'between 1 and 65535'],
    [['analyze', '--port', 'HTTP', 'a'], 'not a port number'],
    [['analyze', '--protocol', 'ICMP', 'a'], 'TCP, UDP or SCTP'],
    [['analyze', '--format', 'xml', 'a'], 'table, json, ndjson or summary'],
    [['validate', '--format', 'table', 'a'], 'text or json'],
    [['validate', '--port', '80', 'a'], 'option of analyze'],
    [['analyze', '--bogus', 'a'], 'unknown option --bogus'],
    [['analyze', 'a', '--port'], '--port needs a value'],
  ])('rejects %j as a usage error', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
    expect(() => parseArgs(argv)).toThrow(message);
  });

  it('treats everything after -- as files and knows help and version', () => {
    expect(parseArgs(['validate', '--', '--weird-name.yaml'])).toMatchObject({
      files: ['--weird-name.yaml'],
    });
    expect(parseArgs(['--help'])).toEqual({ command: 'help' });
    expect(parseArgs(['analyze', '-h'])).toEqual({ command: 'help' });
    expect(parseArgs(['--version'])).toEqual({ command: 'version' });
  });

  it('takes paths as kubectl -f does: -f and --filename repeated, -R and --recursive', () => {
    expect(
      parseArgs(['validate', '-f', 'a.yaml', 'b/', '--filename=c.json', '--filename', '-', '-R']),
    ).toMatchObject({ files: ['a.yaml', 'b/', 'c.json', '-'], recursive: true });
    expect(parseArgs(['analyze', '--recursive=false', 'd/'])).toMatchObject({ recursive: false });
    expect(() => parseArgs(['analyze', '--recursive=yes', 'd/'])).toThrow('--recursive=yes');
    expect(() => parseArgs(['validate', '-f'])).toThrow('-f needs a value');
  });

  it('tells whether a command line that may not parse asks for JSON', () => {
    expect(wantsJson(['validate', '--format', 'json', '--bogus'])).toBe(true);
    expect(wantsJson(['analyze', '-o=summary', '--port'])).toBe(true);
    expect(wantsJson(['analyze', '--format', 'table', 'x'])).toBe(false);
    expect(wantsJson(['validate', '--', '--format', 'json'])).toBe(false);
  });
});
