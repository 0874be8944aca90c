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
  SHARE_INPUT,
  SHARE_NOTES,
} from '../../../render/index.ts';
import type { UserKey } from '../../../store/index.ts';
import type { CoreServices } from '../../core/core-services.ts';
import type { UserContext } from '../../core/interaction.ts';
import type { ReceivedBriefs } from './received.ts';
import { clearedBlock, readSharePicks, type ShareChoice } from './share-form.ts';

/** What changed in the share form: a pick, a clear, or the ticked sections. */
export type ShareFormChange = 'channel' | 'person' | 'clear' | 'sections';

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

  /**
   * Keeps the form honest as the user fills it in: picking a channel clears the person and the
   * other way round (no "not both" trap), Clear empties both, picking themselves is undone, and
   * the note says before Share where the brief goes or why the bot cannot post there.
   */
  async updateForm(user: UserContext, view: ViewOutput, change: ShareFormChange): Promise<void> {
    const meta = decodeModalMetadata(view.private_metadata);
    const current = meta && (await this.currentSummary(user.key, meta));
    if (!current) return;
    const picks = readSharePicks(view.state.values);
    const pickers = { ...picks.blocks };
    const clearChannel = () => {
      pickers.channel = clearedBlock(pickers.channel, SHARE_INPUT.channel.block);
    };
    const clearPerson = () => {
      pickers.person = clearedBlock(pickers.person, SHARE_INPUT.person.block);
    };
    let note: string | undefined;
    let picked = false;
    if (change === 'clear') {
      clearChannel();
      clearPerson();
    } else if (change === 'channel' || (change === 'sections' && picks.channel)) {
      if (picks.person) clearPerson();
      if (picks.channel) {
        note = await this.channelNote(user, picks.channel);
        picked = true;
      }
    } else if (picks.person) {
      if (picks.channel) clearChannel();
      picked = picks.person !== user.key.userId;
      if (picked) note = SHARE_NOTES.to(`<@${picks.person}>`);
      else {
        clearPerson();
        note = SHARE_NOTES.self;
      }
    }
    await user.client.views.update({
      view_id: view.id,
      hash: view.hash,
      view: renderShareModal(current.summary, {
        meta: current.meta,
        include: picks.include,
        pickers,
        ...(note ? { note } : {}),
        picked,
        sharer: user.key.userId,
        tz: current.tz,
      }),
    });
  }

  /** Where the brief would go in this channel, or why the bot cannot post there (said before Share). */
  async channelNote(user: UserContext, channel: string): Promise<string> {
    const problem = await this.cannotPost(user, channel);
    return problem ?? SHARE_NOTES.to(`<#${channel}>`);
  }

  /** Why the bot cannot post in `channel`, looked up with conversations.info; undefined when it can. */
  async cannotPost(user: UserContext, channel: string): Promise<string | undefined> {
    try {
      const info = await user.client.conversations.info({ channel });
      // A public channel takes the post without the bot joining (chat:write.public). A private
      // one the bot is not in never gets here: Slack answers channel_not_found for it, as if it
      // did not exist (https://github.com/slackapi/bolt-js/issues/1656), so is_member has
      // nothing to add.
      const c = info.channel as { is_archived?: boolean } | undefined;
      return c?.is_archived ? SHARE_NOTES.archived(`<#${channel}>`) : undefined;
    } catch (error) {
      const code = this.s.failures.slackFailed('conversations.info', error);
      // A private channel the bot is not in is invisible to it; anything else is not the user's
      // to fix here, and the post itself will say what went wrong.
      return code === 'channel_not_found' ? SHARE_NOTES.hidden : undefined;
    }
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
