import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunkText, cutAt, escapeMrkdwn, quote, truncate } from '../../src/render/text.ts';
import { propertyRuns } from '../support/property-runs.ts';

/** String.prototype.isWellFormed is ES2024; this is the same check for Node 20's typings. */
const isWellFormed = (text: string) =>
  !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);

const anyText = fc.string({ unit: 'binary', maxLength: 400 });

describe('escapeMrkdwn', () => {
  it('leaves no control character for Slack to read as a mention or link', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const escaped = escapeMrkdwn(text);
        expect(escaped).not.toMatch(/[<>]/);
        expect(escaped.replace(/&(amp|lt|gt);/g, '')).not.toContain('&');
      }),
    );
  });
});

describe('truncate and cutAt', () => {
  it('fits the limit, shows "…" when it cut, and never splits an emoji or an entity', () => {
    fc.assert(
      fc.property(anyText, fc.integer({ min: 1, max: 300 }), (raw, max) => {
        const text = escapeMrkdwn(raw);
        const cut = truncate(text, max);
        expect(cut.length).toBeLessThanOrEqual(max);
        if (text.length > max) expect(cut.endsWith('…')).toBe(true);
        else expect(cut).toBe(text);
        if (isWellFormed(raw)) expect(isWellFormed(cut)).toBe(true);
        const body = cut.endsWith('…') ? cut.slice(0, -1) : cut;
        expect(body.replace(/&(amp|lt|gt);/g, '')).not.toContain('&');
      }),
    );
  });

  it('moves back over half an emoji and half an entity', () => {
    expect(cutAt('ab🙂', 3)).toBe('ab');
    expect(cutAt('a&amp;b', 3)).toBe('a');
    expect(cutAt('a&amp;b', 6)).toBe('a&amp;');
    expect(cutAt('a&b', 2)).toBe('a&');
  });
});

describe('chunkText and quote', () => {
  it('chunks fit a section, lose nothing but line breaks, and split no emoji', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 200 }),
        fc.integer({ min: 1, max: 40 }),
        (unit, times) => {
          const text = quote(unit.repeat(times * 20));
          const chunks = chunkText(text, 300);
          for (const c of chunks) {
            expect(c.length).toBeLessThanOrEqual(300);
            expect(isWellFormed(c)).toBe(true);
          }
          expect(chunks.join('').replace(/\n/g, '')).toBe(text.replace(/\n/g, ''));
        },
      ),
      { numRuns: propertyRuns(200) },
    );
  });
});

describe('cutting text at the edges', () => {
  it('text exactly at the limit is kept whole; one over is cut with "…" and no trailing space', () => {
    expect(truncate('abc', 3)).toBe('abc');
    expect(truncate('abcd', 3)).toBe('ab…');
    expect(truncate('ab  cdef', 5)).toBe('ab…');
    expect(truncate('  abcdef', 5)).toBe('  ab…');
  });

  it('an entity or emoji at the very start or end of the cut is kept whole or left out whole', () => {
    expect(cutAt('&amp;x', 2)).toBe('');
    expect(cutAt('xx&amp;', 4)).toBe('xx');
    expect(cutAt('a&lt;b', 5)).toBe('a&lt;');
    expect(cutAt('a&b&amp;', 3)).toBe('a&b');
    // U+10FFFF: the highest high surrogate (0xDBFF) is still half an emoji.
    expect(cutAt('a\u{10FFFF}', 2)).toBe('a');
  });
});

describe('chunks at their limits', () => {
  it('a text exactly one section long stays one section, line breaks and all', () => {
    expect(chunkText('abcde\nfgh', 9)).toEqual(['abcde\nfgh']);
  });

  it('splits at a line break from halfway along; earlier than that, at the limit', () => {
    expect(chunkText('abcde\nfghijkl', 10)).toEqual(['abcde', 'fghijkl']);
    expect(chunkText('abcd\nefghijklm', 10)).toEqual(['abcd\nefghi', 'jklm']);
  });

  it('drops only the line break it split at; later line breaks stay', () => {
    expect(chunkText('abcdefgh\ni', 6)).toEqual(['abcdef', 'gh\ni']);
  });

  it('never makes an empty section (Slack rejects one)', () => {
    expect(chunkText('')).toEqual([]);
    expect(chunkText('abcde\n', 5)).toEqual(['abcde']);
  });

  it('quotes every line of the user’s words', () => {
    expect(quote('first <@U1>\nsecond')).toBe('> first &lt;@U1&gt;\n> second');
  });
});
