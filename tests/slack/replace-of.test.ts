import { describe, expect, it } from 'vitest';
import type { ActionArgs } from '../../src/slack/core/listener-args.ts';
import { replaceOf } from '../../src/slack/core/reply-route.ts';

/** Just enough of a click's listener arguments for replaceOf: the body and Bolt's respond. */
function click(answer: string | null, responseUrl = 'https://hooks.slack.com/actions/T/1/x') {
  const sent: object[] = [];
  const args = {
    body: { response_url: responseUrl },
    respond: async (message: object) => {
      sent.push(message);
      return answer === null ? undefined : new Response(answer, { status: 200 });
    },
  } as unknown as ActionArgs;
  return { args, sent };
}

const message = { text: 'Step 2 of 9', blocks: [] };

describe('replaceOf: replacing the clicked message through its response_url', () => {
  it('posts the message with replace_original, and resolves when Slack says ok', async () => {
    for (const answer of ['ok', '{"ok":true}', null]) {
      const { args, sent } = click(answer);
      await expect(replaceOf(args)?.(message)).resolves.toBeUndefined();
      expect(sent).toEqual([{ replace_original: true, ...message }]);
    }
  });

  it('a 200 whose JSON says ok:false is a refusal, so the caller can fall back to chat.update', async () => {
    const { args } = click('{"ok":false,"error":"expired_url"}');
    await expect(replaceOf(args)?.(message)).rejects.toThrow(/expired_url/);
  });

  it('a click without a response_url (a modal’s) has no replace', () => {
    expect(replaceOf(click('ok', '').args)).toBeUndefined();
  });
});
