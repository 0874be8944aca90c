import { describe, expect, it } from 'vitest';
import {
  renderArchivedBrief,
  renderBriefText,
  renderCopyAsText,
  renderSummaryBody,
  SECTION_TITLES,
} from '../../src/render/index.ts';
import { model, WRITTEN } from './hand-brief.ts';

describe('the brief as plain text (Copy as text, the 1:1 doc)', () => {
  it('a title, the date, where I stand, then each part under a heading', () => {
    expect(renderBriefText(model())).toBe(
      [
        '# Staff or EM: my brief for our 1:1',
        '',
        'Written 1 Dec 2026',
        '',
        'Where I stand: Both tracks are real roles here.',
        'My lean: Staff Engineer (a clear lean)',
        'Your answers point at deep technical work.',
        '',
        `## ${SECTION_TITLES.ask}`,
        '- Tell me which of these you see in me.',
        '',
        `## ${SECTION_TITLES.reasons}`,
        '- You like long problems.',
        '- You want to keep coding.',
        '',
        `## ${SECTION_TITLES.talkingPoints}`,
        '1. First point.',
        '2. Second point.',
        '3. Third point.',
      ].join('\n'),
    );
  });

  it('dated in the reader’s zone when given', () => {
    expect(renderBriefText(model(), undefined, { tz: 'Pacific/Auckland' })).toContain(
      '\nWritten 2 Dec 2026\n',
    );
  });

  it('the user’s words in quotes after their label; the note alone in quotes; nothing escaped', () => {
    const text = renderBriefText(
      model({
        note: { label: 'For you', text: 'Please <!here> read' },
        ownWords: [{ stepId: 'problem-story', label: 'A problem I liked', text: 'Deploys & me' }],
        misconceptions: [
          { id: 'm', belief: 'Staff is a promotion.', counterpoint: 'It is a job.' },
        ],
        experiments: [{ id: 'x', title: 'Lead a review', how: 'Next month.' }],
      }),
    );
    expect(text).toContain('\n\n## For you\n- "Please <!here> read"\n');
    expect(text).toContain(
      `\n\n## ${SECTION_TITLES.ownWords}\n- A problem I liked: "Deploys & me"`,
    );
    expect(text).toContain(
      `## ${SECTION_TITLES.misconceptions}\n- Staff is a promotion. It is a job.\n`,
    );
    expect(text).toContain(`## ${SECTION_TITLES.experiments}\n- Lead a review: Next month.\n`);
  });

  it('no situation: no "Where I stand" line; an empty part: no heading', () => {
    const text = renderBriefText(
      model({ situation: null, reasons: [], ask: null, talkingPoints: [] }),
    );
    expect(text).not.toContain('Where I stand');
    expect(
      text.endsWith(
        '\nMy lean: Staff Engineer (a clear lean)\nYour answers point at deep technical work.',
      ),
    ).toBe(true);
    for (const title of Object.values(SECTION_TITLES)) expect(text).not.toContain(title);
  });

  it('the lean’s label is escaped in Slack but shown as written in the text', () => {
    const summary = model({ leanLabel: 'Staff & EM <both>', strengthLabel: null });
    expect(JSON.stringify(renderSummaryBody(summary)[0])).toContain(
      '*My lean:* Staff &amp; EM &lt;both&gt;',
    );
    expect(renderBriefText(summary)).toContain('My lean: Staff & EM <both>\n');
  });

  it('Copy as text: the text in a code block, escaped once for Slack', () => {
    const copy = renderCopyAsText(model({ ask: 'A & B <c>' }));
    expect(copy.text).toBe(
      `Here is your brief as text, ready to paste into your 1:1 doc:\n\`\`\`\n${renderBriefText(model({ ask: 'A & B <c>' })).replace('A & B <c>', 'A &amp; B &lt;c&gt;')}\n\`\`\``,
    );
  });
});

describe('an earlier brief, opened again', () => {
  it('says it is an earlier one, from when, for reference only; then the brief', () => {
    const m = renderArchivedBrief(model(), WRITTEN, 'Pacific/Auckland');
    const unix = Math.floor(WRITTEN / 1000);
    expect(m.text).toBe(`Your brief from <!date^${unix}^{date_short}|2 Dec 2026>`);
    expect(m.blocks[0]).toMatchObject({ type: 'header', text: { text: 'An earlier brief' } });
    expect(JSON.stringify(m.blocks[1])).toContain(
      `From <!date^${unix}^{date_short}|2 Dec 2026>. Kept for reference; only you see it.`,
    );
    expect(m.blocks.slice(2)).toEqual(renderSummaryBody(model()));
  });

  it('stays within Slack’s 50 blocks', () => {
    const reasons = Array.from({ length: 80 }, (_, i) => `Reason ${i} ${'x'.repeat(2990)}`);
    expect(renderArchivedBrief(model({ reasons }), WRITTEN, 'UTC').blocks).toHaveLength(50);
  });
});
