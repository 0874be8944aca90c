import { describe, expect, it } from 'vitest';
import { decodeSlackText } from '../../src/slack/core/incoming-text.ts';

describe('decodeSlackText: what a person typed, from what Slack delivers', () => {
  it.each([
    ['R&amp;D &lt;3 <https://example.com>', 'R&D <3 https://example.com'],
    ['&amp;lt; stays a typed entity', '&lt; stays a typed entity'],
    ['ask <@U0BOB|bob> and <@U0ANA>', 'ask @bob and @U0ANA'],
    ['in <#C0GENERAL|general> or <#C0X>', 'in #general or #C0X'],
    ['<!here> <!channel> <!subteam^S1|@leads>', '@here @channel @leads'],
    ['<!date^1392734382^{date}|Feb 18, 2014>', 'Feb 18, 2014'],
    ['see <https://x.io|x.io>', 'see https://x.io'],
    ['see <https://x.io/a?b=1&amp;c=2|our docs>', 'see our docs (https://x.io/a?b=1&c=2)'],
    ['mail <mailto:a@b.io|a@b.io>', 'mail a@b.io'],
    ['a > b &gt; c', 'a > b > c'],
  ])('%s → %s', (delivered, typed) => {
    expect(decodeSlackText(delivered)).toBe(typed);
  });

  it('leaves nothing that pings when escaped again', () => {
    const out = decodeSlackText('<!channel> <@U0BOB> <#C0GENERAL>');
    expect(out).not.toMatch(/<[@#!]/);
  });
});
