import type { AppLink } from '../../render/index.ts';

/**
 * The workspace and app ids a link to the app's DM needs, from the slash command itself: Slack
 * sends both with every command (`team_id`, `api_app_id`:
 * https://api.slack.com/interactivity/slash-commands#app_command_handling; Bolt's SlashCommand
 * type has them as required strings). An earlier version asked auth.test when either was missing;
 * no payload Slack sends lacks them, so that path could only hide a malformed request. Without
 * them the pointer is left out rather than pointing somewhere wrong.
 */
export function appLinkOf(command: { team_id?: string; api_app_id?: string }): AppLink | undefined {
  return command.team_id && command.api_app_id
    ? { teamId: command.team_id, appId: command.api_app_id }
    : undefined;
}
