import { installationOfEvent, teamOfEvent } from '../../core/interaction.ts';
import type { Router } from '../../router.ts';
import type { Services } from '../../services.ts';

/** When a workspace removes the app, or a user revokes it, forget what we hold for them. */
export function register(router: Router, { deps, forgetting }: Services): void {
  router.event('app_uninstalled', async ({ body }) => {
    const teamId = teamOfEvent(body);
    if (!teamId) return;
    const query = installationOfEvent(body);
    await forgetting.forgetInstallation(query, teamId);
    deps.logger.info(
      { team: query.teamId, enterprise: query.enterpriseId, orgWide: query.isEnterpriseInstall },
      'app uninstalled: forgot the workspace',
    );
  });

  router.event('tokens_revoked', async ({ event, body }) => {
    const teamId = teamOfEvent(body);
    const users = event.tokens.oauth ?? [];
    if (!teamId) return;
    if ((event.tokens.bot ?? []).length > 0) {
      // The bot token is dead: the installation is worth nothing, in whichever order Slack
      // sends this and app_uninstalled.
      await forgetting.forgetInstallation(installationOfEvent(body), teamId);
    } else {
      for (const userId of users) await forgetting.forgetUser({ teamId, userId }, 'token revoked');
    }
    deps.logger.info({ team: teamId, users: users.length }, 'tokens revoked: forgot their state');
  });
}
