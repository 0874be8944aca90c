import type { ViewOutput } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import {
  DEFAULT_SHARE_SECTIONS,
  type Ref,
  type ShareableSection,
  type SummaryModel,
} from '../../../engine/index.ts';
import {
  decodeModalMetadata,
  explainSlackError,
  leanLine,
  type ModalMetadata,
  renderShared,
  renderSharedBrief,
  renderShareFailed,
  renderShareModal,
} from '../../../render/index.ts';
import type { UserKey } from '../../../store/index.ts';
import type { CoreServices } from '../../core/core-services.ts';
import type { UserContext } from '../../core/interaction.ts';
import type { ReceivedBriefs } from './received.ts';
import { readShareForm, type ShareChoice } from './share-form.ts';

/** The Share… modal: open, keep the preview in step with the checkboxes, post on submit only. */
export class ShareFlow {
  constructor(
    private readonly s: Pick<CoreServices, 'deps' | 'users' | 'failures'> & {
      received: ReceivedBriefs;
    },
  ) {}

  /** The user's finished summary, if the modal's metadata still matches their session. */
  async currentSummary(
    key: UserKey,
    meta?: Ref | null,
  ): Promise<{ summary: SummaryModel; meta: ModalMetadata; tz: string } | null> {
    const state = await this.s.users.peek(key);
    const session = state?.session;
    if (session?.status !== 'complete') return null;
    if (meta && !this.s.deps.engine.isCurrent(session, meta)) return null;
    return {
      summary: this.s.deps.engine.summary(session, { history: state?.history ?? [] }),
      meta: { session: session.id, step: 'summary', rev: session.rev },
      tz: state?.checkin?.tz ?? 'UTC',
    };
  }

  /**
   * Opens the modal; false when there is no finished brief to share yet, or when `from` (the
   * Share… button's ref) is not the user's current brief.
   */
  async open(user: UserContext, triggerId: string, from?: Ref): Promise<boolean> {
    const current = await this.currentSummary(user.key, from);
    if (!current) return false;
    await user.client.views.open({
      trigger_id: triggerId,
      view: renderShareModal(current.summary, {
        meta: current.meta,
        include: [...DEFAULT_SHARE_SECTIONS],
        sharer: user.key.userId,
        tz: current.tz,
      }),
    });
    return true;
  }

  async refreshPreview(user: UserContext, view: ViewOutput): Promise<void> {
    const meta = decodeModalMetadata(view.private_metadata);
    const current = meta && (await this.currentSummary(user.key, meta));
    if (!current) return;
    const { include } = readShareForm(view.state.values);
    await user.client.views.update({
      view_id: view.id,
      hash: view.hash,
      view: renderShareModal(current.summary, {
        meta: current.meta,
        include,
        sharer: user.key.userId,
        tz: current.tz,
      }),
    });
  }

  /** Called after the modal was acked into its "Sharing…" state. */
  async post(
    user: UserContext,
    viewId: string,
    current: { summary: SummaryModel; tz: string },
    choice: Required<Pick<ShareChoice, 'target'>> & ShareChoice,
  ): Promise<void> {
    const { target, include } = choice;
    const { summary, tz } = current;
    let status: ModalView;
    try {
      await user.client.chat.postMessage({
        channel: target.id,
        ...renderSharedBrief(summary, user.key.userId, include, { team: user.key.teamId, tz }),
      });
      if (/^[UW]/.test(target.id)) await this.keepForRecipient(user, target.id, summary, include);
      status = renderShared(target.mention);
    } catch (error) {
      const code = this.s.failures.slackFailed('chat.postMessage', error);
      status = renderShareFailed(explainSlackError(code, target.mention));
    }
    await user.client.views
      .update({ view_id: viewId, view: status })
      .catch((e) => this.s.failures.slackFailed('views.update', e));
  }

  /** A brief sent to a person is listed on their Home; failing that must not undo the share. */
  private async keepForRecipient(
    user: UserContext,
    recipient: string,
    summary: SummaryModel,
    include: readonly ShareableSection[],
  ): Promise<void> {
    await this.s.received
      .record(
        { teamId: user.key.teamId, userId: recipient },
        {
          sharer: user.key.userId,
          team: user.key.teamId,
          at: summary.writtenAt,
          sharedAt: this.s.deps.now(),
          lean: leanLine(summary),
          include: [...include],
        },
      )
      .catch((e: unknown) =>
        this.s.deps.logger.warn(
          { error: e instanceof Error ? e.name : 'unknown' },
          'could not list a shared brief for its recipient',
        ),
      );
  }
}
