import { type BriefId, openableBriefs, trend } from '../../../engine/index.ts';
import {
  leanLine,
  renderArchivedBrief,
  renderBriefGone,
  renderHome,
} from '../../../render/index.ts';
import type { CoreServices } from '../../core/core-services.ts';
import { dmChannel } from '../../core/dm.ts';
import type { UserContext } from '../../core/interaction.ts';
import type { ExchangeFlow } from '../exchange/exchange-flow.ts';
import type { ReceivedBriefs } from '../share/received.ts';

type Needs = Pick<CoreServices, 'deps' | 'users' | 'failures'> & {
  exchange: ExchangeFlow;
  received: ReceivedBriefs;
};

/** The App Home tab (brief, check-in settings, how thinking moved, earlier briefs) and its archive. */
export class HomePublisher {
  constructor(private readonly s: Needs) {}

  async publish(user: UserContext, options: { forgotten?: boolean } = {}): Promise<void> {
    const { engine, now } = this.s.deps;
    const state = await this.s.users.peek(user.key);
    const session = state?.session ?? null;
    const wording = engine.content.checkin;
    const history = state?.history ?? [];
    const view = renderHome({
      session,
      summary: session?.status === 'complete' ? engine.summary(session, { history }) : null,
      now: now(),
      ...(state?.checkin ? { checkin: state.checkin, tz: state.checkin.tz } : {}),
      checkinCopy: wording,
      history,
      trend: trend(wording, history),
      briefs: openableBriefs(session, state?.summaries).map((b) => ({
        at: b.at,
        id: b.id,
        // The lean comes from the run's answers alone; check-ins do not move it.
        label: leanLine(engine.summary(b.session)),
      })),
      sharedWithYou: await this.s.received.listFor(user.key, state),
      ...(options.forgotten ? { forgotten: true } : {}),
    });
    await user.client.views
      .publish({ user_id: user.key.userId, view })
      .catch((e) => this.s.failures.slackFailed('views.publish', e));
  }

  /**
   * Posts a brief to the DM: the current one as the live brief, an earlier one read-only (it is a
   * record, not something to edit), or a line saying it is no longer kept.
   */
  async openBrief(user: UserContext, id: string): Promise<void> {
    const state = await this.s.users.peek(user.key);
    const brief = openableBriefs(state?.session, state?.summaries).find((b) => b.id === id);
    if (brief?.id === ('current' satisfies BriefId)) {
      await this.s.exchange.postCurrent(user, { type: 'show' });
      return;
    }
    const dm = await dmChannel(user, state ?? { session: null });
    if (!brief) {
      await user.client.chat.postMessage({ channel: dm, ...renderBriefGone() });
      return;
    }
    const summary = this.s.deps.engine.summary(brief.session, {
      history: (state?.history ?? []).filter((e) => e.at <= brief.at),
    });
    const tz = state?.checkin?.tz ?? 'UTC';
    await user.client.chat.postMessage({
      channel: dm,
      ...renderArchivedBrief(summary, brief.at, tz),
    });
  }
}
