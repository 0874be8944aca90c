import {
  addReceived,
  findReceived,
  type OpenableBrief,
  openableBriefs,
  type ReceivedBrief,
  type SummaryModel,
} from '../../../engine/index.ts';
import { type BriefRef, renderSharedBrief, type SharedWithYouItem } from '../../../render/index.ts';
import type { UserKey, UserState } from '../../../store/index.ts';
import type { CoreServices } from '../../core/core-services.ts';
import { dmChannel } from '../../core/dm.ts';
import type { UserContext } from '../../core/interaction.ts';

type Needs = Pick<CoreServices, 'deps' | 'users'>;

/** The sharer of a brief, as their own record has them now. */
export interface SharerOf {
  key: UserKey;
  state: UserState;
  /** The exact brief the ref names, when the sharer still has it (current or archived). */
  brief?: OpenableBrief;
  tz: string;
}

/**
 * Briefs shared with a person: the small record in the recipient's state, and the way back to
 * the sharer's own record. Nothing of the brief is copied: a brief the sharer deleted is gone.
 */
export class ReceivedBriefs {
  constructor(private readonly s: Needs) {}

  /** Notes in the recipient's record (under their own lock) that a brief was shared with them. */
  async record(recipient: UserKey, entry: ReceivedBrief): Promise<void> {
    await this.s.users.run(recipient, async (state) => {
      await this.s.users.save(recipient, {
        ...state,
        received: addReceived(state.received, entry),
      });
    });
  }

  /**
   * The sharer behind a ref, read from their own record; null when the ref names another
   * workspace or the sharer has been forgotten.
   */
  async sharerOf(ref: BriefRef, team: string): Promise<SharerOf | null> {
    if (ref.team && ref.team !== team) return null;
    const key = { teamId: team, userId: ref.sharer };
    const state = await this.s.users.peek(key);
    if (!state) return null;
    const brief = openableBriefs(state.session, state.summaries).find(
      (b) => b.at === ref.at || b.session.updatedAt === ref.at,
    );
    return { key, state, ...(brief ? { brief } : {}), tz: state.checkin?.tz ?? 'UTC' };
  }

  /**
   * Whether the sharer can still be answered about this brief: they still have it, or it was
   * written in the run they are still on (they changed an answer since).
   */
  answerable(sharer: SharerOf | null, ref: BriefRef): sharer is SharerOf {
    if (!sharer) return false;
    const session = sharer.state.session;
    return sharer.brief !== undefined || (session !== null && session.startedAt <= ref.at);
  }

  /** "Briefs shared with you" for this user's Home, each marked gone when it can't be opened. */
  async listFor(key: UserKey, state: UserState | undefined): Promise<SharedWithYouItem[]> {
    const received = state?.received ?? [];
    return Promise.all(
      received.map(async (r) => {
        const ref = refOf(r);
        const sharer = await this.sharerOf(ref, key.teamId);
        return {
          ref,
          sharedAt: r.sharedAt,
          lean: r.lean,
          ...(sharer?.brief ? {} : { gone: true }),
        };
      }),
    );
  }

  /**
   * Posts a brief shared with this user to their DM again, as it was shared (the same sections,
   * the check-ins known then). False when they have no such brief or the sharer deleted it.
   */
  async openAgain(user: UserContext, ref: BriefRef): Promise<boolean> {
    const state = await this.s.users.peek(user.key);
    const received = findReceived(state?.received, ref);
    if (!received) return false;
    const sharer = await this.sharerOf(refOf(received), user.key.teamId);
    if (!sharer?.brief) return false;
    const summary: SummaryModel = this.s.deps.engine.summary(sharer.brief.session, {
      history: (sharer.state.history ?? []).filter((e) => e.at <= received.sharedAt),
    });
    const dm = await dmChannel(user, state ?? { session: null });
    await user.client.chat.postMessage({
      channel: dm,
      ...renderSharedBrief(summary, received.sharer, received.include, {
        team: sharer.key.teamId,
        tz: sharer.tz,
      }),
    });
    return true;
  }
}

function refOf(r: ReceivedBrief): BriefRef {
  return { sharer: r.sharer, at: r.at, ...(r.team ? { team: r.team } : {}) };
}
