/**
 * What a person typed, from the text Slack delivers in a message event or a slash command.
 *
 * Slack sends `&`, `<` and `>` as `&amp;`, `&lt;`, `&gt;`, and mentions, channels, special
 * mentions and links as `<…>` tokens ("Formatting text for app surfaces", section "Escaping text"
 * and "Retrieving messages": https://api.slack.com/reference/surfaces/formatting#escaping). The
 * bot stores words as typed and escapes them once on the way out (src/render/text.ts), so the
 * tokens are turned into readable, inert text here:
 *
 * - `<@U123|ana>` → `@ana`, `<@U123>` → `@U123` (a label is all the bot has; it never pings),
 * - `<#C123|general>` → `#general`, `<#C123>` → `#C123`,
 * - `<!here>` → `@here`, `<!subteam^S1|@leads>` → `@leads`, `<!date^…|fallback>` → `fallback`,
 * - `<https://x.io>` → `https://x.io`; `<https://x.io|x.io>` → `https://x.io` (the label is the
 *   address Slack auto-linked); `<https://x.io|our docs>` → `our docs (https://x.io)`;
 *   `<mailto:a@b.io|a@b.io>` → `a@b.io`.
 *
 * Modal input values (`view.state.values`) arrive raw, not escaped: never pass them here.
 */
export function decodeSlackText(text: string): string {
  return text.replace(/<([^<>]*)>|&(amp|lt|gt);/g, (_whole, token: string | undefined, entity) =>
    token === undefined ? ENTITIES[entity as keyof typeof ENTITIES] : decodeToken(token),
  );
}

const ENTITIES = { amp: '&', lt: '<', gt: '>' } as const;

function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt);/g, (_, e: keyof typeof ENTITIES) => ENTITIES[e]);
}

function decodeToken(token: string): string {
  const bar = token.indexOf('|');
  const target = decodeEntities(bar < 0 ? token : token.slice(0, bar));
  const label = bar < 0 ? '' : decodeEntities(token.slice(bar + 1));
  const sigil = target[0];
  if (sigil === '@' || sigil === '#')
    return label ? `${sigil}${label.replace(/^[@#]/, '')}` : target;
  if (sigil === '!') {
    if (label) return label;
    const name = target.slice(1).split('^')[0] ?? '';
    return `@${name}`;
  }
  if (target.startsWith('mailto:')) return label || target.slice('mailto:'.length);
  if (!label || sameAddress(label, target)) return target;
  return `${label} (${target})`;
}

/** Slack labels an auto-linked address with what was typed: `x.io` for `https://x.io`. */
function sameAddress(label: string, url: string): boolean {
  const bare = (s: string) => s.replace(/^[a-z]+:\/\//i, '').replace(/\/$/, '');
  return bare(label) === bare(url);
}
