/**
 * Slack's Socket Mode, served on the emulator's own HTTP server: `apps.connections.open` hands out
 * a one-time `ws://…/socket-mode?ticket=…` URL; the app connects, gets `hello`, and from then on
 * receives envelopes (`slash_commands`, `interactive`, `events_api`) that it acks with
 * `{ envelope_id, payload? }`. The ack payload plays the part of an HTTP ack body.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import type { JsonObject } from './types.ts';

export const SOCKET_MODE_PATH = '/socket-mode';

export type EnvelopeType = 'slash_commands' | 'interactive' | 'events_api';

export interface SocketAck {
  /** False when no ack arrived in time (Slack would show the user an error). */
  acked: boolean;
  /** The ack's payload; undefined when it had none. */
  payload?: unknown;
}

export interface EnvelopeOptions {
  retryAttempt?: number;
  retryReason?: string;
}

/** Why the app's token cannot open a connection, as `apps.connections.open` reports it. */
export function appTokenProblem(
  authorization: string | undefined,
  expected: string | undefined,
): string | undefined {
  // Slack takes the app-level token from the Authorization header only.
  const token = authorization?.startsWith('Bearer ')
    ? authorization.slice('Bearer '.length)
    : undefined;
  if (!token) return 'not_authed';
  if (!token.startsWith('xapp-')) return 'not_allowed_token_type';
  if (expected !== undefined && token !== expected) return 'invalid_auth';
  return undefined;
}

interface Pending {
  resolve: (ack: SocketAck) => void;
  timer: NodeJS.Timeout;
}

export class SocketModeServer {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly tickets = new Set<string>();
  private readonly sockets: WebSocket[] = [];
  private readonly pending = new Map<string, Pending>();
  private envelopeSeq = 0;

  constructor(
    private readonly appId: string,
    /** How long to wait for an ack at all; one after 3 s is flagged late by `delivery.ts`. */
    private readonly ackTimeoutMs = 10_000,
  ) {}

  /** The URL `apps.connections.open` answers with; each one lets one connection in. */
  issueUrl(baseUrl: string): string {
    const ticket = randomBytes(12).toString('hex');
    this.tickets.add(ticket);
    const ws = baseUrl.replace(/^http/, 'ws');
    return `${ws}${SOCKET_MODE_PATH}?ticket=${ticket}&app_id=${this.appId}`;
  }

  /** Number of open connections. */
  get connections(): number {
    return this.sockets.length;
  }

  /** Handles an HTTP upgrade; returns false when it is not for Socket Mode. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(req.url ?? '/', 'http://emulator');
    if (url.pathname !== SOCKET_MODE_PATH) return false;
    const ticket = url.searchParams.get('ticket') ?? '';
    if (!this.tickets.delete(ticket)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return true;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
    return true;
  }

  private accept(ws: WebSocket): void {
    this.sockets.push(ws);
    // Slack pings; the client then expects a ping at least every 30 s or it reconnects.
    const pings = setInterval(() => ws.ping(), 10_000);
    pings.unref();
    ws.on('message', (data, isBinary) => {
      if (!isBinary) this.onMessage(String(data));
    });
    ws.on('close', () => {
      clearInterval(pings);
      const index = this.sockets.indexOf(ws);
      if (index >= 0) this.sockets.splice(index, 1);
    });
    ws.on('error', () => ws.terminate());
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: this.sockets.length,
        debug_info: { host: 'emulator', build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: this.appId },
      }),
    );
  }

  private onMessage(text: string): void {
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      return; // Slack ignores what it cannot parse
    }
    if (typeof message !== 'object' || message === null) return;
    const { envelope_id: id, payload } = message as { envelope_id?: unknown; payload?: unknown };
    if (typeof id !== 'string') return;
    const waiting = this.pending.get(id);
    if (!waiting) return; // late or unknown ack
    this.pending.delete(id);
    clearTimeout(waiting.timer);
    waiting.resolve({ acked: true, ...(payload === undefined ? {} : { payload }) });
  }

  /** Sends an envelope over the newest connection and waits for its ack. */
  deliver(
    type: EnvelopeType,
    payload: JsonObject,
    options: EnvelopeOptions = {},
  ): Promise<SocketAck> {
    const ws = this.sockets.at(-1);
    if (!ws) throw new Error('No Socket Mode connection; start the app in Socket Mode first');
    this.envelopeSeq += 1;
    const envelope_id = `${randomBytes(6).toString('hex')}-${this.envelopeSeq}`;
    const envelope = {
      envelope_id,
      type,
      payload,
      accepts_response_payload: type !== 'events_api',
      ...(type === 'events_api'
        ? {
            retry_attempt: options.retryAttempt ?? 0,
            retry_reason: options.retryReason ?? '',
          }
        : {}),
    };
    return new Promise<SocketAck>((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(envelope_id);
        resolve({ acked: false });
      }, this.ackTimeoutMs);
      this.pending.set(envelope_id, { resolve, timer });
      ws.send(JSON.stringify(envelope));
    });
  }

  /** Asks every connected app to reconnect, like Slack before it recycles a server. */
  disconnectAll(reason = 'refresh_requested'): void {
    const message = JSON.stringify({
      type: 'disconnect',
      reason,
      debug_info: { host: 'emulator' },
    });
    for (const ws of this.sockets) ws.send(message);
  }

  /** Drops every connection and forgets pending acks (emulator shutdown). */
  close(): void {
    for (const ws of [...this.sockets]) ws.terminate();
    this.sockets.length = 0;
    for (const [id, waiting] of this.pending) {
      clearTimeout(waiting.timer);
      waiting.resolve({ acked: false });
      this.pending.delete(id);
    }
    this.tickets.clear();
  }
}
