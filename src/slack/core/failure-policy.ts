import type { Logger } from '../../logger.ts';
import {
  explainSlackError,
  type Message,
  renderProblem,
  renderStoreUnavailable,
  renderUnexpectedProblem,
} from '../../render/index.ts';
import { isStoreUnavailable } from '../../store/index.ts';
import type { Tell } from './reply-route.ts';
import { slackErrorCode } from './slack-errors.ts';

/**
 * One failure policy for every listener. Work saves before it calls Slack, so whatever escapes a
 * listener lost nothing already saved: the user hears it kindly where they acted (a store outage
 * as "I can't save right now", a Slack refusal as what to do next), and the log gets one line
 * with the surface and the code, never the user's words.
 */
export class FailurePolicy {
  constructor(private readonly logger: Logger) {}

  /** One line for a failed Slack call; the code is what the user is told about. */
  slackFailed(method: string, error: unknown): string {
    const code = slackErrorCode(error);
    this.logger.warn({ method, code }, 'Slack call failed');
    return code;
  }

  /** What the user is told about an error that escaped a listener. */
  explain(error: unknown): Message {
    if (isStoreUnavailable(error)) return renderStoreUnavailable();
    const code = slackErrorCode(error);
    return code === 'unknown' ? renderUnexpectedProblem() : renderProblem(explainSlackError(code));
  }

  /**
   * Runs a listener's work. `tell` reaches the user where they acted, or is null where nothing
   * they did is at stake (opening the Home tab, an uninstall): then the failure is only logged.
   */
  async guard(
    surface: { kind: string; id: string },
    tell: Tell | null,
    work: () => Promise<void>,
  ): Promise<void> {
    try {
      await work();
    } catch (error) {
      const code = slackErrorCode(error);
      const id = surface.id.slice(0, 64);
      if (code === 'unknown') {
        const e = error as { name?: string; message?: string };
        this.logger.error(
          { surface: surface.kind, id, err: { name: e?.name, message: e?.message } },
          'listener failed',
        );
      } else {
        this.logger.warn({ surface: surface.kind, id, code }, 'listener failed; telling the user');
      }
      if (!tell) return;
      await tell(this.explain(error)).catch((e: unknown) =>
        this.logger.warn({ code: slackErrorCode(e) }, 'could not tell the user about a failure'),
      );
    }
  }
}
