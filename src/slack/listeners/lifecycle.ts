import type { ScheduleStore } from '../../store/index.ts';
import type { SlackDeps } from '../deps.ts';
import type { ListenerRegistry } from '../listener-router.ts';

/** When a workspace removes the app, or a user revokes it, forget what we hold for them. */
export function registerLifecycle(
  app: ListenerRegistry,
  deps: SlackDeps,
  schedule?: ScheduleStore,
): void {
  app.event('app_uninstalled', async ({ body }) => {
    const teamId = (body as { team_id?: string }).team_id;
    if (!teamId) return;
    await deps.store.deleteTeam(teamId);
    await schedule?.deleteTeam(teamId);
    deps.logger.info({ team: teamId }, 'app uninstalled: forgot the workspace');
  });

  app.event('tokens_revoked', async ({ event, body }) => {
    const teamId = (body as { team_id?: string }).team_id;
    const users = event.tokens.oauth ?? [];
    if (!teamId) return;
    if ((event.tokens.bot ?? []).length > 0) {
      await deps.store.deleteTeam(teamId);
      await schedule?.deleteTeam(teamId);
    } else {
      for (const userId of users) {
        await deps.store.delete({ teamId, userId });
        await schedule?.setDue({ teamId, userId }, null);
      }
    }
    deps.logger.info({ team: teamId, users: users.length }, 'tokens revoked: forgot their state');
  });
}
