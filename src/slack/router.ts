import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../logger.ts';
import { COMMAND, renderSlackBusy } from '../render/index.ts';
import { openDm } from './core/dm.ts';
import type { FailurePolicy } from './core/failure-policy.ts';
import { decodeSlackText } from './core/incoming-text.ts';
import type { ActionArgs, CommandArgs, EventArgs, ViewArgs } from './core/listener-args.ts';
import { type Tell, tellOf } from './core/reply-route.ts';
import { parseSubcommand, type Subcommand } from './core/subcommand.ts';
import { RateLimits } from './transport/rate-limits.ts';

type Handler<A> = (args: A) => Promise<void>;
type AckOf<A> = A extends { ack: infer F } ? F : never;

/** Where features register their listeners, with typed arguments and one failure policy. */
export interface Router {
  action(id: string | RegExp, handler: Handler<ActionArgs>): void;
  view(callbackId: string, handler: Handler<ViewArgs>): void;
  event<T extends string>(type: T, handler: Handler<EventArgs<T>>): void;
  /** What `/career-path <text>` (and only that) does for these subcommands. */
  subcommand(names: readonly Subcommand['name'][], handler: Handler<CommandArgs>): void;
}

/**
 * Bolt runs every registered listener's matching middleware on every request, so thirty
 * `app.action(id, …)` calls cost thirty middleware chains per click (about a tenth of the bot's
 * CPU in `npm run bench`). This router keeps one Bolt listener each for all actions, all view
 * submissions, all events and the command, finds the handler with a map lookup, and runs it under
 * the failure policy: whatever escapes a handler is acked if it was not, logged once, and told to
 * the user where they acted.
 */
export class ListenerRouter implements Router {
  private readonly actions = new Map<string, Handler<ActionArgs>>();
  private readonly actionPatterns: [RegExp, Handler<ActionArgs>][] = [];
  private readonly views = new Map<string, Handler<ViewArgs>>();
  private readonly events = new Map<string, Handler<EventArgs>>();
  private readonly subcommands = new Map<Subcommand['name'], Handler<CommandArgs>>();

  constructor(
    app: App,
    private readonly logger: Logger,
    private readonly failures: FailurePolicy,
    private readonly rateLimits = new RateLimits(),
  ) {
    // The casts are the narrowing this router exists for: career-path renders only Block Kit
    // (so every action is a block action) and registers no view_closed listener.
    app.action(/.*/, (args) => this.dispatchAction(args as unknown as ActionArgs));
    app.view(/.*/, (args) => this.dispatchView(args as unknown as ViewArgs));
    app.event(/.*/, (args) => this.dispatchEvent(args as unknown as EventArgs));
    app.command(COMMAND, (args) =>
      this.dispatchCommand({
        ...args,
        sub: parseSubcommand(decodeSlackText(args.command.text ?? '')),
      }),
    );
  }

  action(id: string | RegExp, handler: Handler<ActionArgs>): void {
    if (typeof id === 'string') this.actions.set(id, handler);
    else this.actionPatterns.push([id, handler]);
  }

  view(callbackId: string, handler: Handler<ViewArgs>): void {
    this.views.set(callbackId, handler);
  }

  event<T extends string>(type: T, handler: Handler<EventArgs<T>>): void {
    this.events.set(type, handler as unknown as Handler<EventArgs>);
  }

  subcommand(names: readonly Subcommand['name'][], handler: Handler<CommandArgs>): void {
    for (const name of names) this.subcommands.set(name, handler);
  }

  private async dispatchAction(args: ActionArgs): Promise<void> {
    const id = args.body.type === 'block_actions' ? args.action.action_id : undefined;
    const handler =
      (id !== undefined && this.actions.get(id)) ||
      this.actionPatterns.find(([pattern]) => id !== undefined && pattern.test(id))?.[1];
    if (!handler) {
      // Not ours (a forged or retired id): acknowledge so Slack shows no error, and change nothing.
      await args.ack();
      this.logger.warn({ action: id?.slice(0, 64) }, 'ignored an unknown action');
      return;
    }
    const acked = trackAck(args);
    await this.guard(
      { kind: 'action', id: id ?? '' },
      tellAfter(acked, tellOf(args)),
      args,
      handler,
      acked.ack,
    );
  }

  private async dispatchView(args: ViewArgs): Promise<void> {
    const handler = this.views.get(args.view.callback_id);
    if (!handler) {
      await args.ack();
      this.logger.warn({ callback: args.view.callback_id.slice(0, 64) }, 'ignored an unknown view');
      return;
    }
    const acked = trackAck(args);
    // A submitted modal has no response_url: the DM is where the exchange lives (opened by id,
    // as core/dm.ts explains). The modal is closed first so it does not hang on "Sending…".
    const tell: Tell = async (message) => {
      const channel = await openDm(args.client, args.body.user.id);
      await args.client.chat.postMessage({ channel, ...message });
    };
    await this.guard(
      { kind: 'view', id: args.view.callback_id },
      tellAfter(acked, tell),
      args,
      handler,
      acked.ack,
    );
  }

  private async dispatchEvent(args: EventArgs): Promise<void> {
    // Bolt acked the event already; one we do not handle just ends here.
    const handler = this.events.get(args.event.type);
    if (!handler) return;
    const event = args.event as { channel_type?: unknown; channel?: unknown };
    // A DM is answered in the DM; other events (opening App Home, an uninstall) were not
    // something the user did to save, so a failure there is only logged.
    const tell: Tell | null =
      event.channel_type === 'im' && typeof event.channel === 'string'
        ? async (message) => {
            await args.client.chat.postMessage({ channel: event.channel as string, ...message });
          }
        : null;
    await this.guard({ kind: 'event', id: args.event.type }, tell, args, handler);
  }

  private async dispatchCommand(args: CommandArgs): Promise<void> {
    const handler = this.subcommands.get(args.sub.name) ?? this.subcommands.get('unknown');
    if (!handler) return void (await args.ack());
    const acked = trackAck(args);
    const tell: Tell = async (message) => {
      await args.respond({ response_type: 'ephemeral', ...message });
    };
    await this.guard(
      { kind: 'command', id: args.sub.name },
      tellAfter(acked, tell),
      args,
      handler,
      acked.ack,
    );
  }

  /**
   * Runs a handler under the failure policy, with a client whose rate-limited calls are retried
   * after Retry-After; a long wait is told to the user through the same route as a failure
   * (transport/rate-limits.ts).
   */
  private guard<A extends { client: WebClient; ack?: unknown }>(
    surface: { kind: string; id: string },
    tell: Tell | null,
    args: A,
    handler: Handler<A>,
    ack?: A['ack'],
  ): Promise<void> {
    const client = this.rateLimits.forRequest(
      args.client,
      tell ? (waitSec) => tell(renderSlackBusy(waitSec)) : undefined,
    );
    // One copy of Bolt's arguments per request, with the tracked ack and the retrying client.
    const own = ack ? { ...args, client, ack } : { ...args, client };
    return this.failures.guard(surface, tell, () => handler(own));
  }
}
/**
 * An ack for the listener that remembers it was called (`ack`), and `ensure`, which acks only if
 * the listener never did.
 */
function trackAck<A extends { ack: (...a: never[]) => Promise<void> }>(
  args: A,
): { ack: AckOf<A>; ensure: () => Promise<void> } {
  let acked = false;
  const ack = (async (...a: never[]) => {
    acked = true;
    try {
      await args.ack(...a);
    } catch (error) {
      // Bolt's work before the listener (authorize, an installation read) outlasted the 2 s
      // after which the receiver answered Slack itself (request-guard.ts, answerUnhandled):
      // Slack has its answer, so the listener goes on with the user's request.
      if (!alreadyAnswered(error)) throw error;
    }
  }) as AckOf<A>;
  return {
    ack,
    ensure: async () => {
      if (!acked) await (args.ack as () => Promise<void>)().catch(() => {});
    },
  };
}

/** An ack that found the HTTP response already sent (Node's own code for a second writeHead). */
function alreadyAnswered(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ERR_HTTP_HEADERS_SENT';
}

/** Tells the user after acking a request the handler failed before acking (Slack needs the ack). */
function tellAfter(acked: { ensure: () => Promise<void> }, tell: Tell): Tell {
  return async (message) => {
    await acked.ensure();
    await tell(message);
  };
}
