/**
 * OAuth scopes, as Slack checks them: a Web API method the bot token's scopes do not cover is
 * answered `missing_scope` with `needed` and `provided` (https://api.slack.com/scopes, and each
 * method's "Required scopes" on https://api.slack.com/methods). The emulator grants what the
 * app's manifest.json asks for unless told otherwise, so a call the manifest does not cover fails
 * here as it would in Slack, and a scope nobody needs shows up as unused.
 */
import { readFileSync } from 'node:fs';
import { projectPath } from '../../project-paths.ts';

/** Bot-token scopes each emulated method accepts (any one of them is enough). */
export const METHOD_SCOPES: Readonly<Record<string, readonly string[]>> = {
  'auth.test': [],
  'chat.postMessage': ['chat:write'],
  'chat.postEphemeral': ['chat:write'],
  'chat.update': ['chat:write'],
  'chat.delete': ['chat:write'],
  'conversations.open': ['im:write', 'mpim:write', 'channels:manage', 'groups:write'],
  'conversations.info': ['channels:read', 'groups:read', 'im:read', 'mpim:read'],
  'conversations.history': ['channels:history', 'groups:history', 'im:history', 'mpim:history'],
  'users.info': ['users:read'],
  'views.open': [],
  'views.push': [],
  'views.update': [],
  'views.publish': [],
};

/** Posting into a public channel the bot is not in (chat.postMessage), without joining it. */
export const CHAT_WRITE_PUBLIC = 'chat:write.public';

type Manifest = {
  oauth_config?: { scopes?: { bot?: unknown } };
  features?: { app_home?: { messages_tab_enabled?: unknown } };
};
let manifest: Manifest | undefined;
/** manifest.json at the repository root, read once. */
function readManifest(): Manifest {
  manifest ??= JSON.parse(readFileSync(projectPath('manifest.json'), 'utf8')) as Manifest;
  return manifest;
}

/** Whether users can message the app in its Messages tab (manifest.json's app_home). */
export function manifestMessagesTab(): boolean {
  return readManifest().features?.app_home?.messages_tab_enabled !== false;
}

/** The bot scopes manifest.json (at the repository root) asks for. */
export function manifestBotScopes(): string[] {
  const bot = readManifest().oauth_config?.scopes?.bot;
  return Array.isArray(bot) ? bot.filter((s): s is string => typeof s === 'string') : [];
}

/**
 * Why the bot may not write to `user` in a DM, as Slack answers it: `cannot_dm_bot` for a bot
 * user, `messages_tab_disabled` when the app's Messages tab is off (chat.postMessage and
 * conversations.open error lists, https://api.slack.com/methods/chat.postMessage#errors).
 */
export function dmProblem(
  user: { is_bot?: boolean } | undefined,
  messagesTab: boolean,
): string | undefined {
  if (user?.is_bot) return 'cannot_dm_bot';
  if (!messagesTab) return 'messages_tab_disabled';
  return undefined;
}

/** Slack's answer when `granted` does not cover `method`, else undefined. */
export function missingScope(
  method: string,
  granted: ReadonlySet<string>,
): Record<string, unknown> | undefined {
  const accepted = METHOD_SCOPES[method];
  if (!accepted || accepted.length === 0 || accepted.some((s) => granted.has(s))) return undefined;
  return {
    ok: false,
    error: 'missing_scope',
    needed: accepted[0],
    provided: [...granted].join(','),
  };
}
