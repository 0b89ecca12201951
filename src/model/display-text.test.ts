import { describe, expect, it } from 'vitest';
import { displayText } from './display-text.ts';

describe('displayText', () => {
  it('makes bidi overrides and zero-width characters visible', () => {
    expect(displayText('web\u202Egnp.exe')).toBe('web<U+202E>gnp.exe');
    expect(displayText('a\u200Bb')).toBe('a<U+200B>b');
  });
  it('truncates long text by characters, not UTF-16 units', () => {
    expect(displayText('😀'.repeat(10), 5)).toBe('😀😀😀😀…');
    expect(displayText('short', 5)).toBe('short');
  });
});
