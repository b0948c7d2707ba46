import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { prefixRange } from './prefix-range.ts';

/** PostgreSQL's text_pattern_ops order: the UTF-8 bytes, compared one by one. */
const byteOrder = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

describe('prefix range', () => {
  it('moves the last character one up', () => {
    assert.deepEqual(prefixRange('dufo'), ['dufo', 'dufp']);
    assert.deepEqual(prefixRange('abz'), ['abz', 'ab{']);
    assert.deepEqual(prefixRange('19'), ['19', '1:']);
  });

  it('holds exactly the name keys that start with the prefix', () => {
    const key = fc.stringMatching(/^[a-z0-9 ]{0,12}$/);
    const word = fc.stringMatching(/^[a-z0-9]{1,5}$/);
    fc.assert(
      fc.property(word, key, (prefix, text) => {
        const [from, to] = prefixRange(prefix);
        const inside = byteOrder(text, from) >= 0 && byteOrder(text, to) < 0;
        assert.equal(inside, text.startsWith(prefix));
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(word, key, (prefix, rest) => {
        const [from, to] = prefixRange(prefix);
        const text = prefix + rest;
        assert.ok(byteOrder(text, from) >= 0 && byteOrder(text, to) < 0);
      }),
    );
  });

  it('refuses an empty prefix, which has no upper bound', () => {
    assert.throws(() => prefixRange(''), /empty prefix/);
  });
});
