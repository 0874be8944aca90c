import { CADENCES, type Cadence } from '../../engine/index.ts';

/** What the user asked for, from `/career-path <text>` or a DM keyword. */
export type Subcommand =
  | { name: 'start' | 'help' | 'summary' | 'reset' | 'share' }
  /** `checkin` alone shows the settings; with a cadence it changes them. */
  | { name: 'checkin'; cadence?: Cadence }
  | { name: 'unknown'; text: string };

const CADENCE_WORDS: Record<string, Cadence> = {
  ...Object.fromEntries(CADENCES.map((c) => [c, c])),
  fortnightly: 'biweekly',
  stop: 'off',
  none: 'off',
};

const KNOWN = ['start', 'help', 'summary', 'reset', 'share'] as const;
const ALIASES: Record<string, (typeof KNOWN)[number]> = {
  '': 'start',
  resume: 'start',
  continue: 'start',
  begin: 'start',
  restart: 'reset',
  'start over': 'reset',
  brief: 'summary',
  '?': 'help',
};

export function parseSubcommand(raw: string): Subcommand {
  const text = raw.trim().toLowerCase().replace(/\s+/g, ' ');
  if ((KNOWN as readonly string[]).includes(text)) return { name: text as (typeof KNOWN)[number] };
  const checkin = /^check-?ins? ?(.*)$/.exec(text);
  if (checkin) {
    const word = checkin[1] ?? '';
    if (word === '') return { name: 'checkin' };
    const cadence = CADENCE_WORDS[word];
    if (cadence) return { name: 'checkin', cadence };
  }
  const alias = ALIASES[text];
  if (alias) return { name: alias };
  return { name: 'unknown', text: raw.trim() };
}
