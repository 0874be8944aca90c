import type { WebClient } from '@slack/web-api';
import type { AppLink } from '../../render/index.ts';

/** auth.test's answer per client (one per token, so per workspace), asked once and kept. */
const asked = new WeakMap<WebClient, Promise<AppLink | undefined>>();

/**
 * The workspace and app ids a link to the app's DM needs. A slash command carries both
 * (`team_id`, `api_app_id`: https://api.slack.com/interactivity/slash-commands#app_command_handling),
 * so no call is made for one; otherwise auth.test names them for the token (web-api's
 * AuthTestResponse has `team_id` and `app_id`), asked once per client and cached.
 */
export async function appLinkOf(
  client: WebClient,
  payload: { team_id?: string; api_app_id?: string } = {},
): Promise<AppLink | undefined> {
  if (payload.team_id && payload.api_app_id)
    return { teamId: payload.team_id, appId: payload.api_app_id };
  let answer = asked.get(client);
  if (!answer) {
    answer = client.auth
      .test()
      .then((r) => (r.team_id && r.app_id ? { teamId: r.team_id, appId: r.app_id } : undefined))
      .catch(() => {
        asked.delete(client);
        return undefined;
      });
    asked.set(client, answer);
  }
  return answer;
}
