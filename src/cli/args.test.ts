import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from './args.ts';

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
      engine: null,
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
    [['analyze', '--format', 'xml', 'a'], 'table, json or summary'],
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
});
