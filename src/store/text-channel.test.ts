import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STALE_TEXT, textReceiver, textSender } from './text-channel.ts';
import type { TextRef } from './text-channel.ts';
import { applyTyped, typedEdit } from '../../fixtures/text-edits.ts';

const post = <T>(x: T): T => structuredClone(x);
const BIG = 'kind: Pod\nmetadata: {name: x}\n'.repeat(4000);

describe('text channel', () => {
  it('law: the worker gets every text the page sends, in order, whatever the edits', () => {
    const edit = fc.record({
      typed: typedEdit(fc.string({ maxLength: 20 }), 50),
      same: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 12 }), (edits) => {
        const send = textSender();
        const receive = textReceiver();
        let text = BIG;
        expect(receive(post(send.ref(text))).text).toBe(text);
        for (const e of edits) {
          if (!e.same) text = applyTyped(text, e.typed);
          expect(receive(post(send.ref(text))).text).toBe(text);
        }
      }),
    );
  });

  it('tells the worker where the text changed, against the very text it had', () => {
    const send = textSender();
    const receive = textReceiver();
    const first = receive(send.ref(BIG));
    const second = receive(send.ref(`${BIG.slice(0, 500)}xy${BIG.slice(510)}`));
    expect(second.edit).toEqual({ base: first.text, start: 500, end: 510 });
    expect(second.edit?.base).toBe(first.text);
  });

  it('sends a keystroke, not the text', () => {
    const send = textSender();
    send.ref(BIG);
    const ref = send.ref(`${BIG.slice(0, 500)}x${BIG.slice(500)}`);
    expect(ref).toMatchObject({ start: 500, end: 500, insert: 'x' });
    expect(JSON.stringify(ref).length).toBeLessThan(100);
    // The same text again names it; a small or a replaced text goes whole.
    expect(send.ref(`${BIG.slice(0, 500)}x${BIG.slice(500)}`)).not.toHaveProperty('full');
    expect(send.ref('a: 1\n')).toHaveProperty('full');
    expect(send.ref(BIG.replace(/Pod/g, 'Svc'))).toHaveProperty('full');
  });

  it('a worker that lost the text says so, and the next text goes whole', () => {
    const send = textSender();
    let receive = textReceiver();
    receive(send.ref(BIG));
    // The worker restarts: it has nothing.
    receive = textReceiver();
    const edited = `${BIG}# more\n`;
    const ref: TextRef = send.ref(edited);
    expect(() => receive(ref)).toThrow(STALE_TEXT);
    send.forget();
    expect(receive(send.ref(edited)).text).toBe(edited);
  });
});
