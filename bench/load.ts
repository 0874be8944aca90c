/**
 * A bounded, closed-loop load generator. Each of `concurrency` workers walks one user at a time
 * through a real conversation: it sends a signed `/career-path` or a click (through the emulator,
 * which builds and signs the payload like Slack), waits for the ack, then waits for the reply (the
 * Slack call the request causes, seen by the emulator), reads the buttons of the message it
 * got, and clicks one. Why not autocannon: it signs fine per request (`setupRequest`), but it
 * sends a connection's next request as soon as the ack comes back, so it cannot wait for the
 * asynchronous reply. The walk needs that reply (the next button's value carries the session and
 * revision), and without the wait the bot's post-ack work would queue without bound, making
 * "reply latency" a measure of the run's length.
 */
import { performance } from 'node:perf_hooks';
import {
  type ApiCall,
  assignIds,
  type BlockJson,
  type DeliveryResult,
  dmChannelIdFor,
  makeUser,
  type SlackEmulator,
} from '../src/playground/emulator/index.ts';
import { ACTION, ANSWER_ACTION_PATTERN } from '../src/render/action-ids.ts';
import { COMMAND } from '../src/render/command.ts';
import { BASELINE_NEXT_ACTION, smallMessage } from './baselines/small-message.ts';
import { seeded } from './random.ts';
import { cpuMs, isBot, type Target, type TargetName } from './targets.ts';

/** Clicks a baseline user makes before a new user takes over (the bot's exchange is ~10 steps). */
const BASELINE_WALK = 10;
/** Share of requests that are a `/career-path` typed mid-way (resume) rather than a click. */
const COMMAND_SHARE = 0.1;
const REPLY_TIMEOUT_MS = 5_000;
const USER_TAG: Record<string, string> = { bot: 'K', B0: 'Z', B1: 'Y' };

export interface SliceResult {
  target: TargetName;
  ms: number;
  requests: number;
  commands: number;
  clicks: number;
  /** Conversations that reached the end (the bot's summary, or a baseline's last click). */
  finished: number;
  ackMs: number[];
  replyMs: number[];
  /** The reply to each user's first `/career-path` (first contact: the bot opens the DM first). */
  firstReplyMs: number[];
  /** Every reply but a user's first (which for the bot includes opening the DM). */
  laterReplyMs: number[];
  errors: Record<string, number>;
  /** CPU the target process used during the slice (user + system). */
  targetCpuMs: number;
  /** CPU this process (load generator + emulator) used during the slice. */
  driverCpuMs: number;
}

interface Walker {
  user: string;
  dm: string;
  /** The message whose buttons the user clicks next. */
  ts?: string;
  /** Requests sent for this user; the first is always `/career-path`. */
  sent: number;
  clicks: number;
}

type Arrival = { call: ApiCall; at: number };

type Element = { type?: string; action_id?: string; options?: { value: string }[] };

export class LoadDriver {
  /** Reply waiters by DM channel id: each user has at most one request in flight. */
  private readonly waiting = new Map<
    string,
    { resolve: (arrival: Arrival) => void; ts: string | undefined }
  >();
  private readonly parked = new Map<TargetName, Walker[]>();
  private readonly created = new Map<TargetName, number>();

  constructor(
    readonly emu: SlackEmulator,
    readonly concurrency: number,
    private readonly random: () => number = seeded(42),
  ) {
    emu.on('change', (change) => {
      if (change.kind !== 'call') return;
      const call = emu.calls.at(-1);
      if (!call) return;
      const dm = this.dmOf(call);
      const waiter = dm && this.waiting.get(dm);
      if (!waiter) return;
      // A mid-way command posts the step anew, then collapses the older message with
      // chat.update; that update (or one still in flight from an earlier request) is not the
      // reply this user waits for. Only an update of the message they are on is.
      if (call.method === 'chat.update' && call.args.ts !== waiter.ts) return;
      this.waiting.delete(dm);
      waiter.resolve({ call, at: performance.now() });
    });
  }

  /** Distinct users created for a target so far. */
  users(target: TargetName): number {
    return this.created.get(target) ?? 0;
  }

  private dmOf(call: ApiCall): string | undefined {
    if (call.method === 'response_url') {
      const id = call.args.response_url_id;
      const user = typeof id === 'string' ? this.emu.state.responseUrls.get(id)?.user : undefined;
      return user ? dmChannelIdFor(user) : undefined;
    }
    if (call.method !== 'chat.postMessage' && call.method !== 'chat.update') return undefined;
    const channel = call.args.channel;
    if (typeof channel !== 'string') return undefined;
    return channel.startsWith('U') ? dmChannelIdFor(channel) : channel;
  }

  private newWalker(target: TargetName): Walker {
    const n = this.users(target) + 1;
    this.created.set(target, n);
    const user = `U${USER_TAG[target] ?? 'Q'}${n.toString(36).toUpperCase().padStart(7, '0')}`;
    this.emu.state.users.set(user, makeUser({ id: user, name: user.toLowerCase() }));
    const dm = this.emu.state.ensureDm(user).id;
    const walker: Walker = { user, dm, sent: 0, clicks: 0 };
    if (target === 'B0') {
      // B0 never posts, so its users click the same small message B1 would have sent.
      const { text, blocks } = smallMessage(1);
      walker.ts = this.emu.state.addMessage({
        channel: dm,
        ts: this.emu.state.nextTs(),
        bot_id: this.emu.state.identity.botId,
        app_id: this.emu.state.identity.appId,
        text,
        blocks: assignIds(structuredClone(blocks) as unknown as BlockJson[]),
        source: 'chat.postMessage',
        state: {},
      }).ts;
    }
    return walker;
  }

  private expectReply(dm: string, ts: string | undefined): Promise<Arrival | 'timeout'> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(dm);
        resolve('timeout');
      }, REPLY_TIMEOUT_MS);
      this.waiting.set(dm, {
        ts,
        resolve: (arrival) => {
          clearTimeout(timer);
          resolve(arrival);
        },
      });
    });
  }

  /** What the user does next on the bot's message, or null when it is the summary (done). */
  private clickOnBot(walker: Walker): (() => Promise<DeliveryResult | undefined>) | null {
    const { emu } = this;
    const message = walker.ts ? emu.state.findMessage(walker.dm, walker.ts) : undefined;
    const answer = message?.blocks?.find((b) => b.block_id === 'answer') as
      | { elements?: Element[] }
      | undefined;
    const elements = answer?.elements ?? [];
    if (!message || elements.length === 0) return null;
    const at = { user: walker.user, channel: walker.dm, messageTs: message.ts };
    const skip = elements.find((e) => e.action_id === ACTION.textSkip);
    if (skip) return () => emu.clickButton({ ...at, actionId: ACTION.textSkip });
    const select = elements.find((e) => e.action_id === ACTION.answerSelect);
    if (select?.options?.length) {
      const option = select.options[Math.floor(this.random() * select.options.length)];
      return () =>
        emu.selectOption({ ...at, actionId: ACTION.answerSelect, value: option?.value ?? '' });
    }
    const buttons = elements.filter((e) => e.action_id && ANSWER_ACTION_PATTERN.test(e.action_id));
    const button = buttons[Math.floor(this.random() * buttons.length)];
    if (!button?.action_id) return null;
    const actionId = button.action_id;
    return () => emu.clickButton({ ...at, actionId });
  }

  /** One request and its reply. Returns false when this user is done (or broke). */
  private async step(target: TargetName, walker: Walker, out: SliceResult): Promise<boolean> {
    const { emu } = this;
    const first = walker.sent === 0;
    const asCommand = first || this.random() < COMMAND_SHARE;
    let send: () => Promise<DeliveryResult | undefined>;
    if (asCommand) {
      send = () => emu.sendCommand({ user: walker.user, channel: 'C0GENERAL', command: COMMAND });
    } else if (isBot(target)) {
      const click = this.clickOnBot(walker);
      if (!click) return false;
      send = click;
    } else {
      if (walker.clicks >= BASELINE_WALK) return false;
      const at = { user: walker.user, channel: walker.dm, messageTs: walker.ts as string };
      send = () => emu.clickButton({ ...at, actionId: BASELINE_NEXT_ACTION });
    }
    const reply = target === 'B0' ? undefined : this.expectReply(walker.dm, walker.ts);
    const started = performance.now();
    const result = await send();
    const acked = performance.now();
    walker.sent += 1;
    out.requests += 1;
    if (asCommand) out.commands += 1;
    else {
      out.clicks += 1;
      walker.clicks += 1;
    }
    if (result?.status !== 200) {
      this.waiting.delete(walker.dm);
      count(out.errors, `ack ${result?.status ?? 'none'}`);
      return false;
    }
    out.ackMs.push(acked - started);
    if (!reply) return true;
    const arrival = await reply;
    if (arrival === 'timeout') {
      count(out.errors, 'reply timeout');
      return false;
    }
    const { call } = arrival;
    // A click's message is replaced through its response_url; any other response_url post is
    // the ephemeral "that button is out of date".
    const replaced = call.method === 'response_url' && call.args.replace_original === true;
    if (!call.ok || (call.method === 'response_url' && !replaced)) {
      count(out.errors, call.ok ? 'stale click' : `reply ${call.error}`);
      return false;
    }
    out.replyMs.push(arrival.at - started);
    if (first) out.firstReplyMs.push(arrival.at - started);
    else out.laterReplyMs.push(arrival.at - started);
    if (call.method === 'chat.postMessage') walker.ts = call.response?.ts as string;
    if (isBot(target) && !this.clickOnBot(walker)) {
      out.finished += 1;
      return false;
    }
    return true;
  }

  private async worker(target: Target, deadline: number, out: SliceResult): Promise<void> {
    const parked = this.parked.get(target.name) ?? [];
    this.parked.set(target.name, parked);
    let walker = parked.pop() ?? this.newWalker(target.name);
    while (performance.now() < deadline) {
      let alive = false;
      try {
        alive = await this.step(target.name, walker, out);
      } catch (error) {
        this.waiting.delete(walker.dm);
        count(out.errors, error instanceof Error ? error.message.slice(0, 60) : 'error');
      }
      if (!alive) {
        if (!isBot(target.name) && walker.clicks >= BASELINE_WALK) out.finished += 1;
        walker = this.newWalker(target.name);
      }
    }
    parked.push(walker);
  }

  /** Drives one target for `ms` with every worker, then parks the users mid-walk for next time. */
  async run(target: Target, ms: number): Promise<SliceResult> {
    this.emu.setBotUrl(`${target.url}/slack/events`);
    const out: SliceResult = {
      target: target.name,
      ms: 0,
      requests: 0,
      commands: 0,
      clicks: 0,
      finished: 0,
      ackMs: [],
      replyMs: [],
      firstReplyMs: [],
      laterReplyMs: [],
      errors: {},
      targetCpuMs: 0,
      driverCpuMs: 0,
    };
    const pid = target.child.pid;
    const cpuBefore = cpuMs(pid);
    const driverBefore = process.cpuUsage();
    const started = performance.now();
    const deadline = started + ms;
    await Promise.all(
      Array.from({ length: this.concurrency }, () => this.worker(target, deadline, out)),
    );
    out.ms = performance.now() - started;
    out.targetCpuMs = cpuMs(pid) - cpuBefore;
    const driver = process.cpuUsage(driverBefore);
    out.driverCpuMs = (driver.user + driver.system) / 1000;
    return out;
  }
}

function count(errors: Record<string, number>, key: string): void {
  errors[key] = (errors[key] ?? 0) + 1;
}
