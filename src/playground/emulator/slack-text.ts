/**
 * Text as Slack delivers what a person typed: `&`, `<`, `>` as entities in message events and in
 * slash-command text (https://api.slack.com/reference/surfaces/formatting#escaping), and, in a
 * message, a typed address auto-linked as a `<https://…>` token. A bot that forgets to decode this
 * shows `R&amp;D` back to the user, so the emulator delivers it the way Slack does.
 */
export function escapeAsSlack(typed: string): string {
  return typed.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Slack's own token forms (`<@U…>`, `<#C…|name>`, `<!here>`, `<https://…|label>`): what the
 * composer inserts for a mention or a link. A test or the playground types them to stand for a
 * mention picked in the composer, so they are delivered as tokens; any other `<` is text.
 */
const TOKEN = /<(?:[@#!]|[a-z][a-z0-9+.-]*:)[^<>]*>/gi;

/** A message's text as it reaches the app: escaped, with bare http(s) addresses wrapped. */
export function messageTextAsSlack(typed: string): string {
  let out = '';
  let last = 0;
  for (const m of typed.matchAll(TOKEN)) {
    out += plainAsSlack(typed.slice(last, m.index)) + m[0];
    last = m.index + m[0].length;
  }
  return out + plainAsSlack(typed.slice(last));
}

function plainAsSlack(text: string): string {
  // Trailing punctuation is not part of the address, as in Slack's composer.
  return escapeAsSlack(text).replace(
    /(^|\s)(https?:\/\/[^\s<>]+?)([.,;:!?)]*)(?=\s|$)/g,
    '$1<$2>$3',
  );
}
