/** What the user asked for, from `/career-path <text>` or a DM keyword. */
export type Subcommand =
  | { name: 'start' | 'help' | 'summary' | 'reset' | 'share' }
  | { name: 'unknown'; text: string };

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
  const alias = ALIASES[text];
  if (alias) return { name: alias };
  return { name: 'unknown', text: raw.trim() };
}
