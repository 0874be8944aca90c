import { COMMAND } from '../../render/command.ts';
import type { EmulatedChannel, EmulatedUser } from './types.ts';

export const DEFAULT_TEAM_ID = 'T0PLAYGND';
export const DEFAULT_TEAM_DOMAIN = 'playground';
export const DEFAULT_BOT_USER_ID = 'U0BOT';
export const DEFAULT_BOT_ID = 'B0BOT';
export const DEFAULT_APP_ID = 'A0CAREER';
/** The app's slash command, as the manifest declares it. */
export const DEFAULT_COMMAND = COMMAND;

/** Trigger ids expire after 3 seconds, as in Slack. */
export const TRIGGER_TTL_MS = 3_000;
/** response_url: up to 5 uses within 30 minutes, as in Slack. */
export const RESPONSE_URL_TTL_MS = 30 * 60_000;
export const RESPONSE_URL_MAX_USES = 5;

export const LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  textLength: 40_000,
  sectionText: 3_000,
  headerText: 150,
  blockId: 255,
  actionsElements: 25,
  viewTitle: 24,
  privateMetadata: 3_000,
  callbackId: 255,
  modalStack: 3,
} as const;

export type UserInput = Partial<EmulatedUser> & { id: string; name: string };

export function makeUser(input: UserInput): EmulatedUser {
  return {
    real_name: input.name,
    tz: 'Europe/London',
    tz_label: 'Greenwich Mean Time',
    tz_offset: 0,
    is_bot: false,
    ...input,
  };
}

export function defaultUsers(): EmulatedUser[] {
  return [
    makeUser({
      id: 'U0ALICE',
      name: 'alice',
      real_name: 'Alice',
      tz: 'Europe/London',
      tz_label: 'Greenwich Mean Time',
      tz_offset: 0,
    }),
    makeUser({
      id: 'U0BOB',
      name: 'bob',
      real_name: 'Bob',
      tz: 'America/New_York',
      tz_label: 'Eastern Standard Time',
      tz_offset: -18_000,
    }),
    makeUser({
      id: 'U0MANAGER',
      name: 'morgan',
      real_name: 'Morgan',
      tz: 'Europe/London',
      tz_label: 'Greenwich Mean Time',
      tz_offset: 0,
    }),
  ];
}

export type ChannelInput = Partial<EmulatedChannel> & { id: string; name: string };

export function makeChannel(input: ChannelInput): EmulatedChannel {
  return {
    is_private: false,
    is_archived: false,
    is_im: false,
    members: [],
    created: 1_700_000_000,
    ...input,
    name: input.name.replace(/^#/, ''),
  };
}

export function defaultChannels(botUserId: string, humans: string[]): EmulatedChannel[] {
  return [
    makeChannel({ id: 'C0GENERAL', name: 'general', members: [botUserId, ...humans] }),
    makeChannel({ id: 'C0ENGLEADS', name: 'eng-leads', members: [botUserId, ...humans] }),
    makeChannel({ id: 'C0RANDOM', name: 'random', members: [...humans] }),
    makeChannel({ id: 'C0OLD', name: 'old-project', is_archived: true, members: [botUserId] }),
  ];
}

/** Stable DM channel id for a user: U0ALICE → D0ALICE. */
export function dmChannelIdFor(userId: string): string {
  return `D${userId.replace(/^[UW]/, '')}`;
}
