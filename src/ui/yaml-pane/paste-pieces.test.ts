import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PASTE_PIECE, PieceFeeder, pieceEnds, textAfterPaste } from './paste-pieces.ts';

const pieces = (text: string, size: number) => {
  const ends = pieceEnds(text, size);
  return ends.map((end, i) => text.slice(ends[i - 1] ?? 0, end));
};

/** Text of lines, line breaks, CRs, surrogate pairs and long lines, from fast-check. */
const texts = fc
  .array(
    fc.oneof(
      fc.constantFrom('\n', '\r\n', '\r', '😀', 'é', '  - key: value', '#'),
      fc.string({ maxLength: 30 }),
    ),
    { maxLength: 200 },
  )
  .map((parts) => parts.join(''));

describe('pieceEnds', () => {
  it('cuts after the last line feed within each piece', () => {
    const text = 'aaa\nbbb\nccc\nddd\n';
    expect(pieces(text, 9)).toEqual(['aaa\nbbb\n', 'ccc\nddd\n']);
    expect(pieces(text, 100)).toEqual([text]);
  });

  it('cuts a line longer than a piece, but never a CRLF or a surrogate pair', () => {
    expect(pieces('abcdefgh', 3)).toEqual(['abc', 'def', 'gh']);
    expect(pieces('ab\r\ncd', 3)).toEqual(['ab', '\r\n', 'cd']);
    expect(pieces('a😀bc', 2)).toEqual(['a', '😀', 'bc']);
  });

  it('gives pieces that make the text again, none too long, none splitting a pair', () => {
    fc.assert(
      fc.property(texts, fc.integer({ min: 2, max: 40 }), (text, size) => {
        const ps = pieces(text, size);
        expect(ps.join('')).toBe(text);
        for (const p of ps) expect(p.length).toBeLessThanOrEqual(size);
        for (const end of pieceEnds(text, size).slice(0, -1)) {
          expect(end).toBeGreaterThan(0);
          expect(text.slice(end - 1, end + 1)).not.toBe('\r\n');
          expect(/[\ud800-\udbff][\udc00-\udfff]/.test(text.slice(end - 1, end + 1))).toBe(false);
        }
      }),
    );
  });

  it('cuts a 5,000-workload paste into pieces larger than a Monaco buffer', () => {
    const line = '        app.kubernetes.io/name: svc-17\n';
    const text = line.repeat(60_000);
    const ps = pieces(text, PASTE_PIECE);
    expect(ps.length).toBe(Math.ceil(text.length / (PASTE_PIECE - (PASTE_PIECE % line.length))));
    for (const p of ps.slice(0, -1)) expect(p.length).toBeGreaterThan(65_535);
  });
});

describe('textAfterPaste', () => {
  it('replaces the selection, with the line breaks Monaco gives the pasted text', () => {
    expect(textAfterPaste('a\nb\nc', 2, 3, 'x\r\ny\rz', '\n')).toBe('a\nx\ny\nz\nc');
    expect(textAfterPaste('a\r\nb', 0, 0, 'x\ny\r\n', '\r\n')).toBe('x\r\ny\r\na\r\nb');
    expect(textAfterPaste('abc', 0, 3, 'plain', '\r\n')).toBe('plain');
  });

  it('joins pieces, each made Monaco’s way, into the whole made that way', () => {
    fc.assert(
      fc.property(texts, fc.constantFrom('\n', '\r\n'), (text, eol) => {
        const whole = textAfterPaste('', 0, 0, text, eol);
        const joined = pieces(text, 7)
          .map((p) => textAfterPaste('', 0, 0, p, eol))
          .join('');
        expect(joined).toBe(whole);
      }),
    );
  });
});

/** A sink over a string, as Monaco's model would hold it, and a hand-driven task queue. */
function harness(
  before: string,
  start: number,
  end: number,
  pasted: string,
  size = 4,
  clearFirst = false,
) {
  let text = before;
  let at = start;
  const log: string[] = [];
  const queue: (() => void)[] = [];
  let clock = 0;
  const feeder = new PieceFeeder(
    pasted,
    {
      prepare: () => log.push('prepare'),
      insert(piece, first) {
        const [from, to] = first ? [start, end] : [at, at];
        text = text.slice(0, from) + piece + text.slice(to);
        at = from + piece.length;
        log.push(first ? `first ${piece}` : piece);
        clock += 10;
      },
      done: () => log.push('done'),
    },
    {
      size,
      clearFirst,
      budgetMs: 15,
      now: () => clock,
      later: (run) => {
        queue.push(run);
        return () => queue.splice(queue.indexOf(run), 1);
      },
    },
  );
  const task = () => {
    log.push('|');
    queue.shift()?.();
  };
  return { feeder, log, task, queue, text: () => text, at: () => at };
}

describe('PieceFeeder', () => {
  it('prepares, inserts the pieces in tasks within a budget, then says done in a task', () => {
    const h = harness('<old>', 1, 4, 'aa\nbb\ncc\ndd\nee');
    h.feeder.start();
    expect(h.log).toEqual([]);
    while (h.queue.length > 0) h.task();
    expect(h.log.join(' ')).toBe('| prepare | first aa\n bb\n | cc\n dd\n | ee | done');
    expect(h.text()).toBe('<aa\nbb\ncc\ndd\nee>');
    expect(h.at()).toBe(1 + 14);
    expect(h.feeder.remaining).toBe(0);
  });

  it('flushes the rest as one piece and says done at once', () => {
    const h = harness('', 0, 0, 'aa\nbb\ncc\ndd\n');
    h.feeder.start();
    h.task();
    h.task();
    h.feeder.flush();
    expect(h.log).toEqual(['|', 'prepare', '|', 'first aa\n', 'bb\n', 'cc\ndd\n', 'done']);
    expect(h.queue).toEqual([]);
    expect(h.text()).toBe('aa\nbb\ncc\ndd\n');
    h.feeder.flush();
    expect(h.log.length).toBe(7);
  });

  it('flushed before any task, prepares and replaces the selection with the whole text', () => {
    const h = harness('xSELy', 1, 4, 'aa\nbb\n');
    h.feeder.start();
    h.feeder.flush();
    expect(h.log).toEqual(['prepare', 'first aa\nbb\n', 'done']);
    expect(h.text()).toBe('xaa\nbb\ny');
  });

  it('takes a large selection away in a piece of its own when asked', () => {
    const h = harness('x0123456789y', 1, 11, 'aa\nbb\n', 4, true);
    h.feeder.start();
    while (h.queue.length > 0) h.task();
    expect(h.log).toEqual(['|', 'prepare', '|', 'first ', 'aa\n', '|', 'bb\n', '|', 'done']);
    expect(h.text()).toBe('xaa\nbb\ny');
    const f = harness('x0123456789y', 1, 11, 'aa\nbb\n', 4, true);
    f.feeder.start();
    f.feeder.flush();
    expect(f.log).toEqual(['prepare', 'first aa\nbb\n', 'done']);
    expect(f.text()).toBe('xaa\nbb\ny');
  });

  it('stops where it is when cancelled, without done', () => {
    const h = harness('', 0, 0, 'aa\nbb\ncc\ndd\n');
    h.feeder.start();
    h.task();
    h.task();
    h.feeder.cancel();
    expect(h.queue).toEqual([]);
    expect(h.feeder.remaining).toBe(0);
    h.feeder.flush();
    expect(h.log).not.toContain('done');
  });
});
