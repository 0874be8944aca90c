import type { AuthorizeResult } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../logger.ts';
import { slackErrorCode } from '../core/slack-errors.ts';

/** How long a request waits for a start-up auth.test still under way before going on without. */
export const IDENTITY_WAIT_MS = 800;

/**
 * Authorization for one workspace and one bot token, in place of Bolt's own.
 *
 * Bolt's single-token authorize (bolt-js src/App.ts, `singleAuthorization`) calls auth.test once,
 * in the App's constructor, and keeps that promise for good: if Slack fails that one call, every
 * later request fails authorization until the process restarts; if Slack is slow, the first
 * request waits on it before any listener can ack (past the request guard's 2 s and near Slack's
 * 3 s). Here a failed auth.test is asked again by the next request, and a request waits for one
 * under way at most IDENTITY_WAIT_MS, then goes on with the token alone: the bot's ids only
 * serve Bolt's ignoreSelf (the DM listener also refuses bot messages by their `bot_id`) and the
 * "a DM from @bot" line, which leaves the mention out until they are known.
 */
export class SingleWorkspaceAuthorization {
  private known: AuthorizeResult | undefined;
  private pending: Promise<AuthorizeResult | undefined> | undefined;

  constructor(
    private readonly client: WebClient,
    private readonly botToken: string,
    private readonly logger: Logger,
    private readonly waitMs = IDENTITY_WAIT_MS,
  ) {}

  /** Starts auth.test now, so that the first request usually finds the ids known. */
  verify(): Promise<AuthorizeResult | undefined> {
    if (this.known) return Promise.resolve(this.known);
    // The client was made with this token, so auth.test needs no argument.
    this.pending ??= this.client.auth
      .test()
      .then((r): AuthorizeResult => {
        this.known = {
          botToken: this.botToken,
          ...(r.bot_id ? { botId: r.bot_id } : {}),
          ...(r.user_id ? { botUserId: r.user_id } : {}),
          ...(r.team_id ? { teamId: r.team_id } : {}),
          ...(r.enterprise_id ? { enterpriseId: r.enterprise_id } : {}),
        };
        return this.known;
      })
      .catch((error: unknown) => {
        this.logger.warn(
          { code: slackErrorCode(error) },
          'auth.test failed: going on with the bot token alone, asking again on the next request',
        );
        return undefined;
      })
      .finally(() => {
        this.pending = undefined;
      });
    return this.pending;
  }

  readonly authorize = async (): Promise<AuthorizeResult> => {
    if (this.known) return this.known;
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), this.waitMs);
    });
    try {
      return (await Promise.race([this.verify(), waited])) ?? { botToken: this.botToken };
    } finally {
      clearTimeout(timer);
    }
  };
}
