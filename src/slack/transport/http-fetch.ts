import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/**
 * A `fetch` for the Web API client (its documented `fetch` option) on node:http(s) with
 * keep-alive agents. On Node 20 the built-in fetch costs ~280 µs more CPU per call than
 * node:http (measured by `npm run bench`), and every reply to a user is one such call.
 * It covers what the client sends (a POST with a string body: JSON or form) and reads (status,
 * headers, text/json/arrayBuffer); anything else (multipart file uploads) goes to global fetch.
 */
const agents = {
  'http:': new HttpAgent({ keepAlive: true }),
  'https:': new HttpsAgent({ keepAlive: true }),
};

function toHeaders(raw: IncomingMessage['headers']): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  return headers;
}

/**
 * The deadline of a call that brings none. The Web API client brings its own (its `timeout`
 * option becomes `AbortSignal.timeout` per attempt, web-api's WebClient.makeRequest); Bolt's
 * `respond()` POSTs to the response_url through this same fetch with no signal at all
 * (bolt-js src/context/create-respond.ts), so without this a stalled response_url would hold
 * the click, the user's lock and shutdown for as long as the socket stays open. A click's answer
 * falls back to chat.update after it (core/reply-route.ts), well inside Slack's patience.
 */
export const DEFAULT_DEADLINE_MS = 4_000;

/**
 * A fetch on node:http whose calls that bring no signal end after `deadlineMs`. The Web API
 * clients get their per-attempt deadline this way instead of their `timeout` option: that option
 * makes an `AbortSignal.timeout` per attempt (web-api's WebClient.makeRequest), which on Node 20
 * costs about 15 µs of CPU per call with its listeners and DOMException, where one plain timer
 * costs almost nothing (`npm run bench`, docs/performance.md). A call past its deadline fails
 * like an aborted one, so the client's retries treat it the same.
 */
export function fetchWithin(deadlineMs: number): typeof fetch {
  return (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const body = init?.body;
    const protocol = url.protocol as keyof typeof agents;
    const signal = init?.signal ?? undefined;
    if (input instanceof Request || (body != null && typeof body !== 'string') || !agents[protocol])
      return fetch(input, { ...init, signal: signal ?? AbortSignal.timeout(deadlineMs) });
    return new Promise<Response>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const send = protocol === 'https:' ? httpsRequest : httpRequest;
      const req = send(url, {
        method: init?.method ?? 'GET',
        headers: init?.headers as Record<string, string> | undefined,
        agent: agents[protocol],
      });
      const onAbort = () => req.destroy(signal?.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      const timer = signal
        ? undefined
        : setTimeout(() => req.destroy(new DeadlineError(deadlineMs)), deadlineMs);
      // A pending deadline must not keep a stopping process alive.
      timer?.unref();
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      req.on('error', (error) => {
        done();
        reject(error);
      });
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', (error) => {
          done();
          reject(error);
        });
        res.on('end', () => {
          done();
          const status = res.statusCode ?? 0;
          // Response forbids a body on these statuses.
          const empty = status === 204 || status === 304;
          const response = new BufferedResponse(
            empty ? null : Buffer.concat(chunks),
            { status, statusText: res.statusMessage ?? '', headers: res.headers },
            url.href,
          );
          resolve(response as unknown as Response);
        });
      });
      req.end(body);
    });
  };
}

/** A call that outlived its deadline (named like the abort a signal would give). */
export class DeadlineError extends Error {
  override readonly name = 'TimeoutError';
  constructor(ms: number) {
    super(`no answer within ${ms} ms`);
  }
}

/** Calls no user waits on (installs, scheduled check-ins): 10 s each attempt. */
export const scheduledFetch: typeof fetch = fetchWithin(10_000);

/** For calls that bring no deadline of their own, such as Bolt's respond() to a response_url. */
export const httpFetch: typeof fetch = fetchWithin(DEFAULT_DEADLINE_MS);

/**
 * What httpFetch resolves with. Its body is already in memory, so `text()`, `json()` and
 * `arrayBuffer()` read it directly: `new Response(buffer)` sets up a web stream per reply, about
 * 4% of the bot's CPU under `npm run bench`. Anything else a reader asks of a Response (`body`,
 * `blob()`, `clone()`…) is served by a real one, made on first use.
 */
export class BufferedResponse {
  readonly ok: boolean;
  readonly status: number;
  readonly statusText: string;
  private readonly rawHeaders: IncomingMessage['headers'];
  private built?: Headers;
  readonly redirected = false;
  readonly type = 'basic';
  private used = false;
  private real?: Response;

  constructor(
    private readonly bytes: Buffer | null,
    init: { status: number; statusText: string; headers: IncomingMessage['headers'] },
    readonly url: string,
  ) {
    this.status = init.status;
    this.statusText = init.statusText;
    this.rawHeaders = init.headers;
    this.ok = init.status >= 200 && init.status < 300;
  }

  /** Built on first read: a response_url answer is read for its text alone. */
  get headers(): Headers {
    this.built ??= toHeaders(this.rawHeaders);
    return this.built;
  }

  get bodyUsed(): boolean {
    return this.used || (this.real?.bodyUsed ?? false);
  }

  private take(): Buffer {
    if (this.bodyUsed) throw new TypeError('Body is unusable: Body has already been read');
    this.used = true;
    return this.bytes ?? Buffer.alloc(0);
  }

  async text(): Promise<string> {
    return this.take().toString('utf8');
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const b = this.take();
    return new Uint8Array(b).buffer;
  }

  private response(): Response {
    this.real ??= new Response(this.bytes, {
      status: this.status,
      statusText: this.statusText,
      headers: this.headers,
    });
    return this.real;
  }

  get body(): Response['body'] {
    return this.response().body;
  }

  blob(): Promise<Blob> {
    return this.response().blob();
  }

  formData(): Promise<FormData> {
    return this.response().formData();
  }

  clone(): Response {
    return this.response().clone();
  }
}
