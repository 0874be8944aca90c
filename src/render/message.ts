import type { KnownBlock } from '@slack/types';

/** What every renderer returns: blocks plus the plain `text` Slack shows in notifications. */
export interface Message {
  text: string;
  blocks: KnownBlock[];
}
