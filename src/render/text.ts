/** Slack's three control characters; escaping them stops typed `<!channel>` or `<@U…>` from pinging. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Cuts to `max` characters with a visible ellipsis, so Slack never rejects a message for length. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${cutAt(text, Math.max(0, max - 1)).trimEnd()}…`;
}

/**
 * The first `end` UTF-16 units, moved back so an emoji's surrogate pair or an escaped `&amp;`
 * is never split: half an emoji is invalid text, half an entity shows as litter.
 */
export function cutAt(text: string, end: number): string {
  let cut = Math.min(end, text.length);
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  const amp = text.lastIndexOf('&', cut - 1);
  if (amp >= 0 && cut - amp < 5) {
    const entity = /^&(?:amp|lt|gt);/.exec(text.slice(amp))?.[0];
    if (entity && amp + entity.length > cut) cut = amp;
  }
  return text.slice(0, cut);
}

/** Splits long mrkdwn into chunks that each fit a section (3000), preferring line breaks. */
export function chunkText(text: string, max = 3000): string[] {
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = rest.lastIndexOf('\n', max);
    if (cut < max / 2) cut = cutAt(rest, max).length;
    chunks.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^\n/, '');
  }
  if (rest.length > 0) chunks.push(rest);
  return chunks;
}

/** Quotes the user's own words as a Slack block quote, escaped. */
export function quote(text: string): string {
  return escapeMrkdwn(text)
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
}
