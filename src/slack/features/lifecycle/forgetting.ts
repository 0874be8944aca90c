import type { InstallationLookup, UserKey } from '../../../store/index.ts';
import type { CoreServices } from '../../core/core-services.ts';

type Needs = Pick<CoreServices, 'deps' | 'users' | 'schedule'>;

/**
 * Forgetting, for every reason a user or workspace goes: "Forget me", a user revoking the app,
 * the app uninstalled. A user is forgotten under their lock, so a click still running cannot save
 * them back.
 */
export class Forgetting {
  constructor(private readonly s: Needs) {}

  async forgetUser(key: UserKey, reason = 'at their request'): Promise<void> {
    await this.s.users.forget(key, () => this.s.schedule.setDue(key, null));
    this.s.deps.logger.info({ team: key.teamId, user: key.userId, reason }, 'forgot a user');
  }

  async forgetTeam(teamId: string): Promise<void> {
    await this.s.deps.store.deleteTeam(teamId);
    await this.s.schedule.deleteTeam(teamId);
  }

  /**
   * The app left a workspace or org (OAuth mode): its installation goes first, so its token is
   * never handed out again, then everything kept under its key.
   */
  async forgetInstallation(query: InstallationLookup, tenantId: string): Promise<void> {
    await this.s.deps.installations?.deleteInstallation(query);
    await this.forgetTeam(tenantId);
  }
}
