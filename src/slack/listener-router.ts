import type {
  AllMiddlewareArgs,
  App,
  SlackActionMiddlewareArgs,
  SlackEventMiddlewareArgs,
  SlackViewMiddlewareArgs,
} from '@slack/bolt';
import type { Logger } from '../logger.ts';

type ActionArgs = SlackActionMiddlewareArgs & AllMiddlewareArgs;
type ViewArgs = SlackViewMiddlewareArgs & AllMiddlewareArgs;
type EventArgs = SlackEventMiddlewareArgs & AllMiddlewareArgs;
type Handler<A> = (args: A) => Promise<void>;

/** Where listeners register: the App's own `command`; routed `action`, `view` and `event`. */
export type ListenerRegistry = Pick<App, 'action' | 'view' | 'command' | 'event'>;

/**
 * Bolt runs every registered listener's matching middleware on every request, so thirty
 * `app.action(id, …)` calls cost thirty middleware chains per click (about a tenth of the bot's
 * CPU in `npm run bench`). This registry keeps one Bolt listener each for all actions, all view
 * submissions and all events, and finds the handler with a map lookup.
 */
export class ListenerRouter implements ListenerRegistry {
  private readonly actions = new Map<string, Handler<ActionArgs>>();
  private readonly actionPatterns: [RegExp, Handler<ActionArgs>][] = [];
  private readonly views = new Map<string, Handler<ViewArgs>>();
  private readonly events = new Map<string, Handler<EventArgs>>();

  constructor(
    private readonly app: App,
    private readonly logger: Logger,
  ) {
    app.action(/.*/, (args) => this.dispatchAction(args as ActionArgs));
    app.view(/.*/, (args) => this.dispatchView(args as ViewArgs));
    app.event(/.*/, (args) => this.dispatchEvent(args as EventArgs));
  }

  readonly command = ((...args: Parameters<App['command']>) =>
    this.app.command(...args)) as unknown as App['command'];
  readonly event = ((type: string, handler: Handler<EventArgs>) => {
    this.events.set(type, handler);
  }) as unknown as App['event'];

  readonly action = ((constraint: string | RegExp, handler: Handler<ActionArgs>) => {
    if (typeof constraint === 'string') this.actions.set(constraint, handler);
    else this.actionPatterns.push([constraint, handler]);
  }) as unknown as App['action'];

  readonly view = ((callbackId: string, handler: Handler<ViewArgs>) => {
    this.views.set(callbackId, handler);
  }) as unknown as App['view'];

  private async dispatchAction(args: ActionArgs): Promise<void> {
    const id = 'action_id' in args.action ? args.action.action_id : undefined;
    const handler =
      (id !== undefined && this.actions.get(id)) ||
      this.actionPatterns.find(([pattern]) => id !== undefined && pattern.test(id))?.[1];
    if (handler) return handler(args);
    // Not ours (a forged or retired id): acknowledge so Slack shows no error, and change nothing.
    await args.ack();
    this.logger.warn({ action: id?.slice(0, 64) }, 'ignored an unknown action');
  }

  private async dispatchEvent(args: EventArgs): Promise<void> {
    // Bolt acked the event already; one we do not handle just ends here.
    await this.events.get(args.event.type)?.(args);
  }

  private async dispatchView(args: ViewArgs): Promise<void> {
    const handler = this.views.get(args.view.callback_id);
    if (handler) return handler(args);
    await args.ack();
    this.logger.warn({ callback: args.view.callback_id.slice(0, 64) }, 'ignored an unknown view');
  }
}
