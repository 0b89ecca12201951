import { describe, expect, it } from 'vitest';
import { describeLineBreakChange, nestingBound } from './text-facts.ts';

describe('nestingBound', () => {
  it('is at least the nesting of block and flow collections, 10,000 deep included', () => {
    expect(nestingBound('a: 1\n')).toBeLessThan(5);
    expect(nestingBound('a:\n  b:\n    c: [1, {d: 2}]\n')).toBeGreaterThanOrEqual(5);
    expect(nestingBound(`${'['.repeat(10_000)}${']'.repeat(10_000)}`)).toBeGreaterThanOrEqual(
      10_000,
    );
    expect(nestingBound(`${'- '.repeat(10_000)}x\n`)).toBeGreaterThanOrEqual(10_000);
    const indented = Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i)}-`).join('\n');
    expect(nestingBound(indented)).toBeGreaterThanOrEqual(2999);
  });

  it('does not count brackets in comments and quoted scalars', () => {
    const text = `a: "${'['.repeat(900)}"\nb: '${'{'.repeat(900)}'\n# ${'['.repeat(900)}\n`;
    expect(nestingBound(text)).toBeLessThan(5);
  });
});

describe('describeLineBreakChange', () => {
  it('says how many CRLF and lone CR line breaks became LF, and a lost byte order mark', () => {
    expect(describeLineBreakChange('a\r\nb\rc\n', 'a\nb\nc\n')).toBe(
      '1 CRLF line break became LF; 1 lone CR line break became LF',
    );
    expect(describeLineBreakChange('\ufeffa\n', 'a\n')).toBe('the byte order mark was removed');
    expect(describeLineBreakChange('a\nb\r\nc\r\n', 'a\r\nb\r\nc\r\n')).toBe(
      '1 LF line break became CRLF',
    );
    expect(describeLineBreakChange('a\r\nb\r\n', 'a\r\nb\r\n')).toBeNull();
  });
});
