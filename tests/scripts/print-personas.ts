/**
 * Prints the shared brief's text (Copy as text, and the shared post's mrkdwn) for three personas,
 * to read it as the manager who receives it. Run: npx tsx tests/scripts/print-personas.ts
 */
import { SHAREABLE_SECTIONS, type ShareableSection } from '../../src/engine/index.ts';
import { renderBriefText, renderSharedBrief } from '../../src/render/index.ts';
import { realEngine, sessionWith } from '../support/content.ts';

const engine = realEngine();
const at = Date.UTC(2026, 11, 1, 9, 30);
const personas: {
  name: string;
  choices: Record<string, string>;
  texts: Record<string, string>;
  leaveOut: ShareableSection[];
}[] = [
  {
    name: 'Only EM real, strong staff answers, "What I\'m rethinking" left out',
    choices: {
      'where-you-are': 'em-only',
      'interesting-problems': 'systems-puzzle',
      'day-shape': 'writing-reviews',
      'invisible-work': 'need-artifact',
      reversibility: 'lose-skills',
      'five-years': 'technical-direction',
      'kind-of-person': 'staff-not-em',
      ask: 'ladder',
    },
    texts: {
      'problem-story': 'Why our deploys got slower every month.',
      'manager-note': "I don't want to manage just because it's the only way up.",
    },
    leaveOut: ['misconceptions'],
  },
  {
    name: 'Clear EM lean, both tracks real',
    choices: {
      'where-you-are': 'both-real-senior',
      'interesting-problems': 'struggling-engineer',
      'day-shape': 'one-on-ones',
      'invisible-work': 'quiet-win',
      reversibility: 'not-worried',
      'five-years': 'grew-a-team',
      'kind-of-person': 'em-not-staff',
      ask: 'trial',
    },
    texts: { 'problem-story': '', 'manager-note': 'I think I am ready to try leading the team.' },
    leaveOut: [],
  },
  {
    name: 'Unsure, pay as the main pull',
    choices: {
      'where-you-are': 'both-real-earlier',
      'interesting-problems': 'both-kinds',
      'day-shape': 'meetings-either',
      'invisible-work': 'unsure-invisible',
      reversibility: 'not-worried',
      'five-years': 'higher-pay',
      'kind-of-person': 'not-sure',
      ask: 'be-heard',
    },
    texts: { 'problem-story': '', 'manager-note': '' },
    leaveOut: [],
  },
];

for (const p of personas) {
  const session = sessionWith(
    engine,
    { choices: p.choices, texts: p.texts },
    { current: 'summary', status: 'complete', updatedAt: at },
  );
  const summary = engine.summary(session);
  const include = SHAREABLE_SECTIONS.filter((s) => !p.leaveOut.includes(s));
  console.log(`\n===== ${p.name} =====\n`);
  console.log(renderBriefText(summary, include));
  if (process.argv.includes('--blocks')) {
    const post = renderSharedBrief(summary, 'U0ALICE', include);
    console.log(JSON.stringify(post.blocks, null, 1));
  }
}
