/** Slack's three control characters; escaping them stops typed `<!channel>` or `<@U…>` from pinging. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Cuts to `max` characters with a visible ellipsis, so Slack never rejects a message for length. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - 1)).trimEnd()}…`;
}

/** Splits long mrkdwn into chunks that each fit a section (3000), preferring line breaks. */
export function chunkText(text: string, max = 3000): string[] {
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = rest.lastIndexOf('\n', max);
    if (cut < max / 2) cut = max;
    // Never split an escaped character (`&lt;`) across two sections.
    const amp = rest.lastIndexOf('&', cut);
    if (amp > cut - 5 && !rest.slice(amp, cut).includes(';')) cut = amp;
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
