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
