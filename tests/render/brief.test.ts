import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type HistoryEntry,
  SHAREABLE_SECTIONS,
  type ShareableSection,
  type SummaryModel,
} from '../../src/engine/index.ts';
import {
  ACTION,
  BRIEF_REPLY,
  BRIEF_REPLY_BLOCK,
  decodeBriefRef,
  encodeBriefRef,
  renderAboutSharedBriefs,
  renderBriefReply,
  renderBriefText,
  renderBriefUnavailable,
  renderHome,
  renderSharedBrief,
  renderSharedBriefBlocks,
  renderSharedWithYou,
  renderShareModal,
  renderStep,
  renderSuggestModal,
  renderSuggestSentModal,
  renderSuggestUnavailableModal,
  renderSummary,
  SECTION_TITLES,
  SUGGEST_INPUT,
} from '../../src/render/index.ts';
import { allTexts, blockKitProblems } from '../support/block-kit-limits.ts';
import { realEngine, sessionWith } from '../support/content.ts';

const engine = realEngine();
const WRITTEN = Date.UTC(2026, 11, 1, 9, 30);
const SHARER = 'U0ALICE';
const meta = { session: 'fixed-session', step: 'summary', rev: 3 };

/** Only the EM track is real, strong staff answers, pay as a pull: every section has something. */
const richChoices = {
  'where-you-are': 'em-only',
  'interesting-problems': 'systems-puzzle',
  'day-shape': 'staff-heads-down',
  'invisible-work': 'need-artifact',
  reversibility: 'lose-skills',
  'five-years': 'higher-pay',
  'kind-of-person': 'staff-not-em',
  ask: 'ladder',
};
const history: HistoryEntry[] = [1, 2, 3].map((i) => ({
  at: WRITTEN + i * 14 * 86_400_000,
  lean: 'staff',
  src: 'c',
  answers: { energy: 'building', lean: 'same' },
}));
const rich = engine.summary(
  sessionWith(
    engine,
    {
      choices: richChoices,
      texts: {
        'problem-story': 'Why our deploys got slower every month.',
        'manager-note': 'I would rather not manage just to move up.',
      },
    },
    { current: 'summary', status: 'complete', updatedAt: WRITTEN },
  ),
  { history },
);

/** Every sentence the brief shows for a section, as the model holds it. */
function sentencesOf(s: SummaryModel, section: ShareableSection): string[] {
  switch (section) {
    case 'ask':
      return s.ask ? [s.ask] : [];
    case 'tensions':
      return s.tensions.map((t) => t.text);
    case 'role':
      return s.role ? [s.role.name, s.role.day] : [];
    case 'reasons':
      return s.reasons;
    case 'misconceptions':
      return s.misconceptions.flatMap((m) => [m.belief, m.counterpoint]);
    case 'evidence':
      return s.evidence;
    case 'talkingPoints':
      return s.talkingPoints;
    case 'experiments':
      return s.experiments.flatMap((e) => [e.title, e.how]);
    case 'ownWords':
      return [...(s.note ? [s.note.text] : []), ...s.ownWords.map((w) => w.text)];
  }
}

/** Lines of other sections that hint at this one, and so must go with it. */
function hintsOf(s: SummaryModel, section: ShareableSection): string[] {
  return [
    ...s.tensions.filter((t) => t.also.includes(section)).map((t) => t.text),
    ...s.talkingPoints.filter((_, i) => s.talkingPointsAlso[i]?.includes(section)),
  ];
}

const without = (section: ShareableSection) => SHAREABLE_SECTIONS.filter((s) => s !== section);
const posted = (include: readonly ShareableSection[]) => {
  const m = renderSharedBrief(rich, SHARER, include);
  return `${m.text}\n${allTexts(m).join('\n')}`;
};

describe('the rich brief used below', () => {
  it('has something in every section, and lines that hint at misconceptions and check-ins', () => {
    for (const section of SHAREABLE_SECTIONS)
      expect(sentencesOf(rich, section).length, section).toBeGreaterThan(0);
    expect(hintsOf(rich, 'misconceptions').length).toBeGreaterThan(0);
    expect(hintsOf(rich, 'evidence').length).toBeGreaterThan(0);
  });
});

describe('leaving a section out leaves every sentence of it out', () => {
  it.each(SHAREABLE_SECTIONS.map((section) => ({ section })))(
    '$section: gone from the shared post and from Copy as text',
    ({ section }) => {
      const gone = [...sentencesOf(rich, section), ...hintsOf(rich, section)];
      const post = posted(without(section));
      const text = renderBriefText(rich, without(section));
      for (const sentence of gone) {
        expect(post.includes(sentence), `post still has: ${sentence}`).toBe(false);
        expect(text.includes(sentence), `text still has: ${sentence}`).toBe(false);
      }
      expect(text).not.toContain(`## ${SECTION_TITLES[section]}\n`);
      // Included, every one of them is there.
      const all = posted(SHAREABLE_SECTIONS);
      const allText = renderBriefText(rich, SHAREABLE_SECTIONS);
      for (const sentence of sentencesOf(rich, section)) {
        expect(all.includes(sentence), sentence).toBe(true);
        expect(allText.includes(sentence), sentence).toBe(true);
      }
    },
  );

  it('keeps the lean and the situation whatever is left out', () => {
    const post = posted([]);
    expect(post).toContain(rich.leanLabel);
    expect(post).toContain(rich.situation as string);
  });
});

describe('the share preview is the post', () => {
  it.each([
    { name: 'everything', include: SHAREABLE_SECTIONS },
    ...SHAREABLE_SECTIONS.map((s) => ({ name: `without ${s}`, include: without(s) })),
  ])('byte for byte, $name', ({ include }) => {
    const post = renderSharedBrief(rich, SHARER, include);
    const body = renderSharedBriefBlocks(rich, SHARER, include);
    // The post is the body, then the recipient's answer buttons.
    expect(post.blocks.slice(0, body.length)).toEqual(body);
    expect(post.blocks.at(-1)).toMatchObject({ type: 'actions', block_id: BRIEF_REPLY_BLOCK });
    const modal = renderShareModal(rich, { meta, include, sharer: SHARER });
    const start = modal.blocks.findIndex((b) => JSON.stringify(b) === JSON.stringify(body[0]));
    expect(start).toBeGreaterThan(0);
    expect(JSON.stringify(modal.blocks.slice(start, start + body.length))).toBe(
      JSON.stringify(body),
    );
    expect(blockKitProblems(modal)).toEqual([]);
    expect(blockKitProblems(post)).toEqual([]);
  });

  it('offers a checkbox only for sections this brief has', () => {
    const plain = engine.summary(
      sessionWith(
        engine,
        { choices: { ...richChoices, ask: 'skipped' } },
        { current: 'summary', status: 'complete' },
      ),
    );
    const modal = JSON.stringify(renderShareModal(plain, { meta, include: SHAREABLE_SECTIONS }));
    expect(modal).not.toContain(SECTION_TITLES.evidence);
    expect(modal).not.toContain(SECTION_TITLES.ask);
    expect(modal).toContain(SECTION_TITLES.talkingPoints);
  });
});

describe('the shared brief opens with the situation', () => {
  const post = renderSharedBrief(rich, SHARER, SHAREABLE_SECTIONS);
  const text = allTexts(post).join('\n');

  it('is dated with Slack’s date token and a plain fallback, and says who wrote it', () => {
    const unix = Math.floor(WRITTEN / 1000);
    expect(text).toContain(`<!date^${unix}^{date_long}|1 Dec 2026>`);
    expect(text).toContain(`<@${SHARER}>`);
    expect(renderBriefText(rich)).toContain('Written 1 Dec 2026');
  });

  it('puts where I stand, the lean, my note and my ask before everything else', () => {
    const order = [
      'Where I stand',
      rich.situation as string,
      'My lean',
      rich.note?.text as string,
      rich.ask as string,
      rich.tensions[0]?.text as string,
      rich.reasons[0] as string,
      rich.talkingPoints[0] as string,
    ];
    for (const surface of [text, renderBriefText(rich)]) {
      const at = order.map((s) => surface.indexOf(s));
      for (const i of at) expect(i).toBeGreaterThanOrEqual(0);
      expect([...at].sort((a, b) => a - b)).toEqual(at);
    }
  });

  it('names the constraint: only the EM track is real, and my lean is toward staff', () => {
    expect(text).toMatch(/Only the management track is a real role where I work/);
    expect(text).toMatch(/My answers lean toward staff work, but where I work only the management/);
  });
});

describe('one voice', () => {
  const surfaces: [string, string][] = [
    ['shared post', allTexts(renderSharedBrief(rich, SHARER, SHAREABLE_SECTIONS)).join('\n')],
    ['copy as text', renderBriefText(rich)],
    [
      'private brief',
      allTexts(
        renderSummary({
          kind: 'summary',
          sessionId: 's',
          rev: 1,
          summary: rich,
          editable: [],
        }),
      ).join('\n'),
    ],
    [
      'share preview',
      allTexts(renderShareModal(rich, { meta, include: SHAREABLE_SECTIONS, sharer: SHARER })).join(
        '\n',
      ),
    ],
  ];

  it.each(surfaces)('%s speaks as the user', (_, text) => {
    expect(text).toContain('My answers point toward the staff track');
    expect(text).toContain("What I'm rethinking");
    expect(text).not.toMatch(/Your answers point|You worry|You picture|What I had wrong/);
  });

  it('only questions to the manager say "you" in the brief body', () => {
    const text = renderBriefText(rich, without('talkingPoints'));
    const lines = text
      .split('\n')
      .filter((l) => !l.startsWith('## ') && !l.includes(rich.note?.text as string));
    for (const line of lines) expect(line, line).not.toMatch(/\byou(r)?\b/i);
  });
});

describe('the recipient can answer', () => {
  const post = renderSharedBrief(rich, SHARER, SHAREABLE_SECTIONS, { team: 'T0PLAYGND' });
  const row = post.blocks.at(-1) as { elements: { action_id: string; value: string }[] };

  it('the post carries two buttons whose value names the sharer and the brief', () => {
    expect(row.elements.map((e) => e.action_id)).toEqual([ACTION.briefTalk, ACTION.briefSuggest]);
    for (const e of row.elements)
      expect(decodeBriefRef(e.value)).toEqual({ sharer: SHARER, team: 'T0PLAYGND', at: WRITTEN });
    expect(allTexts(post).join('\n')).toContain("Let's talk about this in our 1:1");
  });

  it('button values round-trip, and anything else decodes to null without throwing', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Z0-9]{2,20}$/),
        fc.option(fc.stringMatching(/^[A-Z0-9]{2,20}$/), { nil: undefined }),
        fc.nat(),
        (sharer, team, at) => {
          const ref = { sharer, at, ...(team ? { team } : {}) };
          expect(decodeBriefRef(encodeBriefRef(ref))).toEqual(ref);
        },
      ),
    );
    fc.assert(
      fc.property(fc.anything(), (v) => {
        const r = decodeBriefRef(v);
        if (r !== null) expect(typeof v).toBe('string');
      }),
    );
    for (const bad of ['b:U0ALICE', 'b:u0alice:1', 'x:U0ALICE:1', 'b:U0ALICE:1:T0:extra', ''])
      expect(decodeBriefRef(bad)).toBeNull();
  });

  it('what the sharer receives names who answered, and quotes their note escaped', () => {
    const ref = { sharer: SHARER, at: WRITTEN };
    const talk = renderBriefReply({ kind: 'talk', from: 'U0MANAGER', at: WRITTEN + 1 }, ref);
    expect(talk.text).toContain('<@U0MANAGER> would like to talk about your brief');
    const suggest = renderBriefReply(
      {
        kind: 'suggest',
        from: 'U0MANAGER',
        at: WRITTEN + 1,
        note: 'Start with the doc <!here> & ping me',
      },
      ref,
    );
    const body = allTexts(suggest).join('\n');
    expect(body).toContain('&gt; Start with the doc &lt;!here&gt; &amp; ping me'.slice(5));
    expect(body).not.toContain('<!here>');
    expect(blockKitProblems(talk)).toEqual([]);
    expect(blockKitProblems(suggest)).toEqual([]);
  });

  it('the suggestion form asks for a short note and remembers which brief', () => {
    const modal = renderSuggestModal({ sharer: SHARER, at: WRITTEN });
    expect(decodeBriefRef(modal.private_metadata)).toEqual({ sharer: SHARER, at: WRITTEN });
    expect(JSON.stringify(modal)).toContain(`"max_length":${SUGGEST_INPUT.maxLength}`);
    expect(blockKitProblems(modal)).toEqual([]);
  });

  it('the recipient’s Home lists briefs shared with them, newest first', () => {
    const blocks = renderSharedWithYou([
      { ref: { sharer: 'U0BOB', at: 1 }, sharedAt: WRITTEN - 86_400_000, lean: 'Not clear yet' },
      { ref: { sharer: SHARER, at: 2 }, sharedAt: WRITTEN, lean: 'Leaning Staff Engineer' },
    ]);
    const text = allTexts({ blocks }).join('\n');
    expect(text).toContain('Briefs shared with you');
    expect(text.indexOf('U0ALICE')).toBeLessThan(text.indexOf('U0BOB'));
    expect(renderSharedWithYou([])).toEqual([]);
    expect(blockKitProblems({ type: 'home', blocks })).toEqual([]);
  });
});

describe('answers to a shared brief: the notices around them', () => {
  it('a brief gone from the sharer is listed without its lean and cannot be opened', () => {
    const blocks = renderSharedWithYou([
      { ref: { sharer: SHARER, at: 2 }, sharedAt: WRITTEN, lean: 'Leaning Staff', gone: true },
      { ref: { sharer: 'U0BOB', at: 3 }, sharedAt: WRITTEN - 1, lean: 'Leaning EM' },
    ]);
    const json = JSON.stringify(blocks);
    expect(json).toContain('no longer available');
    expect(json).not.toContain('Leaning Staff');
    expect(json.split(ACTION.homeSharedBrief)).toHaveLength(2); // Bob's only
    expect(blockKitProblems({ type: 'home', blocks })).toEqual([]);
  });

  it('the Home tab carries the list, ten at most, within its block limit', () => {
    const items = Array.from({ length: 14 }, (_, i) => ({
      ref: { sharer: SHARER, at: i },
      sharedAt: WRITTEN + i,
      lean: `Leaning Staff ${i} <b>&`,
      ...(i % 3 === 0 ? { gone: true } : {}),
    }));
    const home = renderHome({ session: null, summary: null, sharedWithYou: items });
    const json = JSON.stringify(home);
    expect(json).toContain('Briefs shared with you');
    expect(json).toContain('&lt;b&gt;&amp;');
    expect(json.split(ACTION.homeSharedBrief).length - 1).toBeLessThanOrEqual(10);
    expect(blockKitProblems(home)).toEqual([]);
  });

  it('a recipient writing in the DM hears how to answer, naming who shared, once each', () => {
    const m = renderAboutSharedBriefs([SHARER, 'U0BOB', SHARER]);
    const text = allTexts(m).join('\n');
    expect(text).toContain(BRIEF_REPLY.talk);
    expect(text).toContain(BRIEF_REPLY.suggest);
    expect(m.text.split(`<@${SHARER}>`)).toHaveLength(2);
    expect(text).toContain('Home');
    expect(blockKitProblems(m)).toEqual([]);
  });

  it('an unavailable brief and a sent suggestion are kind and fit Block Kit', () => {
    expect(renderBriefUnavailable().text).toContain('no longer available');
    const sent = renderSuggestSentModal(SHARER);
    expect(JSON.stringify(sent)).toContain(`<@${SHARER}>`);
    expect(blockKitProblems(renderBriefUnavailable())).toEqual([]);
    expect(blockKitProblems(sent)).toEqual([]);
    const gone = renderSuggestUnavailableModal();
    expect(JSON.stringify(gone)).toContain('Nothing was sent');
    expect(blockKitProblems(gone)).toEqual([]);
  });
});

describe('every brief fits Block Kit', () => {
  const choiceSteps = engine.content.exchange.steps.filter((s) => s.kind === 'choice');
  const path = fc.record(
    Object.fromEntries(
      choiceSteps.map((s) => [s.id, fc.constantFrom(...s.options.map((o) => o.id))]),
    ) as Record<string, fc.Arbitrary<string>>,
  );
  it('shared post, preview and private brief, for any answers, words and sections', () => {
    fc.assert(
      fc.property(
        path,
        fc.string({ maxLength: 280 }),
        fc.subarray([...SHAREABLE_SECTIONS]),
        (choices, words, include) => {
          const summary = engine.summary(
            sessionWith(
              engine,
              { choices, texts: { 'problem-story': words, 'manager-note': words } },
              { current: 'summary', status: 'complete', updatedAt: WRITTEN },
            ),
            { history },
          );
          expect(blockKitProblems(renderSharedBrief(summary, SHARER, include))).toEqual([]);
          expect(
            blockKitProblems(renderShareModal(summary, { meta, include, sharer: SHARER })),
          ).toEqual([]);
          expect(
            blockKitProblems(
              renderSummary({ kind: 'summary', sessionId: 's', rev: 1, summary, editable: [] }),
            ),
          ).toEqual([]);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('the "What you\'d like" step', () => {
  it('is one click, with a Skip this button; other choice steps have none', () => {
    const at = (current: string) =>
      engine.view(sessionWith(engine, { choices: richChoices }, { current }));
    const ask = at('ask');
    if (ask.kind !== 'step') throw new Error('not a step');
    const message = renderStep(ask);
    const text = JSON.stringify(message.blocks);
    expect(text).toContain('Step 9 of 10');
    expect(text).toContain(`"action_id":"${ACTION.textSkip}"`);
    expect(text).toContain('Skip this');
    expect(text).toContain('A time-boxed trial, with a date to look back');
    expect(blockKitProblems(message)).toEqual([]);
    const other = at('five-years');
    if (other.kind !== 'step') throw new Error('not a step');
    expect(JSON.stringify(renderStep(other).blocks)).not.toContain('Skip this');
  });
});
