/**
 * Text as Slack delivers what a person typed: `&`, `<`, `>` as entities in message events and in
 * slash-command text (https://api.slack.com/reference/surfaces/formatting#escaping), and, in a
 * message, a typed address auto-linked as a `<https://…>` token. A bot that forgets to decode this
 * shows `R&amp;D` back to the user, so the emulator delivers it the way Slack does.
 */
export function escapeAsSlack(typed: string): string {
  return typed.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A message's text as it reaches the app: escaped, with bare http(s) addresses wrapped. */
export function messageTextAsSlack(typed: string): string {
  // Trailing punctuation is not part of the address, as in Slack's composer.
  return escapeAsSlack(typed).replace(
    /(^|\s)(https?:\/\/[^\s<>]+?)([.,;:!?)]*)(?=\s|$)/g,
    '$1<$2>$3',
  );
}
