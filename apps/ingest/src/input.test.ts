import { describe, expect, it } from 'vitest';
import { findUnstorableText, hasUnstorableText, toStorableText } from './input.js';
import { redactWebhookBody } from './webhook-payload.js';

// One detection for both sides: the API refuses what the webhook repairs, and nothing else.
// Expected values written by hand: U+FFFD stands in for each NUL and each lone surrogate.
const CASES: [text: string, storable: string][] = [
  ['plain', 'plain'],
  ['', ''],
  ['a\u0000b', 'a\uFFFDb'],
  ['\u0000\u0000', '\uFFFD\uFFFD'],
  ['lone high \uD83D', 'lone high \uFFFD'],
  ['\uDE00 lone low', '\uFFFD lone low'],
  ['pair \uD83D\uDE00 ok', 'pair \uD83D\uDE00 ok'],
  ['reversed \uDE00\uD83D', 'reversed \uFFFD\uFFFD'],
  ['high high low \uD83D\uD83D\uDE00', 'high high low \uFFFD\uD83D\uDE00'],
];

describe('unstorable text', () => {
  it.each(CASES)('%j stores as %j', (text, storable) => {
    expect(toStorableText(text)).toBe(storable);
    expect(hasUnstorableText(text)).toBe(text !== storable);
  });

  it('is found the same way on every call (the shared pattern keeps no state between calls)', () => {
    const answers = [1, 2, 3].map(() => hasUnstorableText('x\u0000'));
    expect(answers).toEqual([true, true, true]);
  });

  it('is what the API refuses exactly when the webhook body gets repaired', () => {
    for (const [text, storable] of CASES) {
      const inValue = { student: { first_name: text } };
      const inKey = { files: { [`a${text}.py`]: 'x' } };
      expect({ text, refused: [findUnstorableText(inValue), findUnstorableText(inKey)] })
        .toEqual({ text, refused: text === storable ? [null, null] : ['student.first_name', `files.a${text}.py`] });
      expect(redactWebhookBody(inValue, undefined)).toEqual({ student: { first_name: storable } });
      expect(redactWebhookBody(inKey, undefined)).toEqual({ files: { [`a${storable}.py`]: 'x' } });
    }
  });
});
