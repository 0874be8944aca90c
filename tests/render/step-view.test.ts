import { describe, expect, it } from 'vitest';
import type { StepView } from '../../src/engine/index.ts';
import { loadContent } from '../../src/load-content.ts';
import { ACTION, decodeModalMetadata } from '../../src/render/action-ids.ts';
import { renderAnsweredStep, renderStep } from '../../src/render/step.ts';

const content = loadContent();
const choice = content.exchange.steps.find((s) => s.kind === 'choice' && s.hint);
const text = content.exchange.steps.find((s) => s.kind === 'text');
if (!choice || !text) throw new Error('content without a hinted choice step or a text step');

const viewOf = (step: StepView['step'], extra: Partial<StepView> = {}): StepView => ({
  kind: 'step',
  sessionId: 'sess-1',
  rev: 4,
  step,
  index: 3,
  total: 9,
  canGoBack: true,
  editing: false,
  ...extra,
});

type Block = {
  type: string;
  block_id?: string;
  text?: { text: string };
  elements?: { text?: string | { text: string }; action_id?: string; style?: string }[];
};
const blocksOf = (m: { blocks: unknown[] }) => m.blocks as Block[];
const labels = (b: Block | undefined) =>
  (b?.elements ?? []).map((e) => [typeof e.text === 'string' ? e.text : e.text?.text, e.style]);

describe('a step as the user sees it', () => {
  it('where they are, the question in a prompt block, then the hint', () => {
    const m = renderStep(viewOf(choice));
    const [progress, prompt, hint] = blocksOf(m);
    expect(JSON.stringify(progress)).toContain(`*Step 3 of 9 · ${choice.title}*`);
    expect(prompt).toMatchObject({ block_id: 'prompt', text: { text: choice.prompt } });
    expect(JSON.stringify(hint)).toContain(JSON.stringify(choice.hint).slice(1, 40));
    expect(m.text).toBe(`Step 3 of 9 · ${choice.title}: ${choice.prompt}`);
  });

  it('a text step with no words yet: Write a sentence (highlighted) or Skip', () => {
    const blocks = blocksOf(renderStep(viewOf(text)));
    expect(labels(blocks.find((b) => b.block_id === 'answer'))).toEqual([
      ['Write a sentence', 'primary'],
      ['Skip', undefined],
    ]);
    expect(JSON.stringify(blocks)).not.toContain('Your words so far');
    expect(JSON.stringify(blocks)).toContain('Or just reply here with a sentence (up to');
  });

  it('a text step with words: shows them, then Rewrite it or Keep it', () => {
    const blocks = blocksOf(renderStep(viewOf(text, { text: 'I like mentoring.' })));
    expect(JSON.stringify(blocks)).toMatch(/Your words so far:\\n.*I like mentoring\./);
    expect(labels(blocks.find((b) => b.block_id === 'answer'))).toEqual([
      ['Rewrite it', 'primary'],
      ['Keep it', undefined],
    ]);
  });

  it('Back and Stop for now below; while changing one answer, neither', () => {
    const nav = (v: StepView) => blocksOf(renderStep(v)).find((b) => b.block_id === 'nav');
    expect(nav(viewOf(choice))?.elements?.map((e) => e.action_id)).toEqual([
      ACTION.back,
      ACTION.pause,
    ]);
    expect(nav(viewOf(choice, { canGoBack: false }))?.elements?.map((e) => e.action_id)).toEqual([
      ACTION.pause,
    ]);
    const editing = renderStep(viewOf(choice, { editing: true, canGoBack: false }));
    expect(blocksOf(editing).find((b) => b.block_id === 'nav')).toBeUndefined();
    expect(editing.text).toContain(`Changing one answer · ${choice.title}`);
  });

  it('a text step says Keep it or Skip above, so its nav has no "Skip this"', () => {
    const nav = blocksOf(renderStep(viewOf(text))).find((b) => b.block_id === 'nav');
    expect(nav?.elements?.map((e) => e.action_id)).toEqual([ACTION.back, ACTION.pause]);
  });

  it('changing a chosen answer from the brief can be called off with Keep my answer', () => {
    const nav = (v: StepView) =>
      blocksOf(renderStep(v))
        .find((b) => b.block_id === 'nav')
        ?.elements?.map((e) => [e.action_id, typeof e.text === 'string' ? e.text : e.text?.text]);
    const chosen = choice.kind === 'choice' ? choice.options[0]?.id : undefined;
    expect(nav(viewOf(choice, { editing: true, canGoBack: false, chosen }))).toEqual([
      [ACTION.keep, 'Keep my answer'],
    ]);
    // Nothing chosen yet: nothing to keep. A text step keeps its words with "Keep it" instead.
    expect(nav(viewOf(choice, { editing: true, canGoBack: false }))).toBeUndefined();
    expect(
      nav(viewOf(text, { editing: true, canGoBack: false, text: 'My words.' })),
    ).toBeUndefined();
    // Not changing one answer: no Keep my answer, whatever was chosen.
    expect(nav(viewOf(choice, { chosen }))).toEqual([
      [ACTION.back, '← Back'],
      [ACTION.pause, 'Stop for now'],
    ]);
  });

  it('once answered, the step collapses to a tick and the answer', () => {
    const m = renderAnsweredStep(viewOf(choice), 'Both tracks are real here');
    expect(m.text).toBe(`Step 3 of 9 · ${choice.title}: answered`);
    expect(JSON.stringify(m.blocks)).toContain(`✓ *Step 3 of 9 · ${choice.title}*`);
    expect(JSON.stringify(m.blocks[1])).toContain('Both tracks are real here');
  });
});

describe('modal metadata from outside', () => {
  it('is refused when it is not a string or longer than Slack allows (3000)', () => {
    const meta = JSON.stringify({ session: 's', step: 'x', rev: 1 });
    expect(decodeModalMetadata(meta)).toEqual({ session: 's', step: 'x', rev: 1 });
    expect(decodeModalMetadata({ session: 's', step: 'x', rev: 1 })).toBeNull();
    const padded = `${meta}${' '.repeat(3000 - meta.length)}`;
    expect(padded).toHaveLength(3000);
    expect(decodeModalMetadata(padded)).toEqual({ session: 's', step: 'x', rev: 1 });
    expect(decodeModalMetadata(`${padded} `)).toBeNull();
  });
});
