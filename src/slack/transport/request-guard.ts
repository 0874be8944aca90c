import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import {
  AuthorizationError,
  HTTPModuleFunctions,
  type HTTPReceiver,
  isValidSlackRequest,
  type ReceiverProcessEventErrorHandlerArgs,
} from '@slack/bolt';
import type { Logger } from '../../logger.ts';

/** Slack's documented replay window, both ways. */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

/**
 * Slack's own payloads stay far below this (a full 50-block message echoed back in a click is a
 * few hundred kB at most); anything larger is not from Slack and is not worth reading.
 */
export const BODY_LIMIT_BYTES = 1024 * 1024;

export interface RequestGuardOptions {
  signingSecret: string;
  endpoints: readonly string[];
  logger: Logger;
  bodyLimit?: number;
  /** Must be the clock Bolt checks signatures with, which is the real one. */
  nowMs?: () => number;
}

/**
 * Runs in front of Bolt's HTTPReceiver for POSTs to the Slack endpoints. Bolt checks only that a
 * timestamp is not too old, buffers the body before it checks anything, and lets a signed body
 * of `null` throw outside its own error handling (an unhandled rejection, and no answer). This
 * guard answers those cases itself and hands everything else to Bolt, which still verifies the
 * signature as before. Being a receiver concern (transport, before parsing), it wraps the
 * receiver's request listener rather than living in Bolt middleware, which only runs once Bolt
 * has already buffered and parsed the body.
 */
export function guardSlackRequests(receiver: HTTPReceiver, options: RequestGuardOptions): void {
  const next = receiver.requestListener;
  receiver.requestListener = createRequestGuard(next, options);
}

export function createRequestGuard(
  next: RequestListener,
  options: RequestGuardOptions,
): RequestListener {
  const limit = options.bodyLimit ?? BODY_LIMIT_BYTES;
  const nowMs = options.nowMs ?? Date.now;
  const log = options.logger;
  return (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method !== 'POST' || !options.endpoints.includes(path)) {
      next(req, res);
      return;
    }
    // A missing timestamp is left to Bolt: Slack's ssl_check is the one unsigned request it allows.
    const timestamp = Number(req.headers['x-slack-request-timestamp']);
    if (
      req.headers['x-slack-request-timestamp'] !== undefined &&
      Number.isFinite(timestamp) &&
      Math.abs(nowMs() / 1000 - timestamp) > MAX_CLOCK_SKEW_SECONDS
    ) {
      log.warn({ status: 401 }, 'refused a request outside the 5-minute signature window');
      return refuse(res, 401);
    }
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      log.warn({ status: 413, bytes: declared }, 'refused an oversized request body');
      return refuse(res, 413);
    }
    HTTPModuleFunctions.bufferIncomingMessage(req, limit).then(
      (buffered) => {
        if (parsesToObject(buffered)) return next(req, res);
        // Say "bad request" only to whoever could sign it; anyone else learns nothing.
        const status = isSigned(buffered, options.signingSecret) ? 400 : 401;
        log.warn({ status }, 'refused a request body that is not a Slack payload');
        refuse(res, status);
      },
      (error: unknown) => {
        const status = HTTPModuleFunctions.isRawBodyError(error) ? error.statusCode : 400;
        log.warn({ status }, 'could not read a request body');
        refuse(res, status === 413 ? 413 : 400);
      },
    );
  };
}

function refuse(res: ServerResponse, status: number): void {
  if (res.headersSent) return;
  // Closing the connection stops a client from streaming the rest of a refused body at us.
  res.writeHead(status, { connection: 'close' });
  res.end();
}

/** Mirrors how Bolt parses a body (HTTPModuleFunctions.parseHTTPRequestBody), so a yes here means Bolt gets an object. */
function parsesToObject(req: IncomingMessage & { rawBody: Buffer }): boolean {
  try {
    const text = req.rawBody.toString();
    // What Slack sends decides at a glance, without parsing the body a second time: text that
    // opens an object either parses to one or makes Bolt answer 400 itself.
    if (opensAnObject(text, req.headers['content-type'])) return true;
    let body: unknown;
    if (req.headers['content-type'] === 'application/x-www-form-urlencoded') {
      const form = parseQuery(text);
      body = typeof form.payload === 'string' ? JSON.parse(form.payload) : form;
    } else {
      body = JSON.parse(text);
    }
    return typeof body === 'object' && body !== null && !Array.isArray(body);
  } catch {
    return false;
  }
}

function opensAnObject(text: string, contentType: string | undefined): boolean {
  if (contentType === 'application/x-www-form-urlencoded') {
    return text.startsWith('payload=%7B') || !text.includes('payload=');
  }
  return text.startsWith('{');
}

function isSigned(req: IncomingMessage & { rawBody: Buffer }, signingSecret: string): boolean {
  const signature = req.headers['x-slack-signature'];
  if (typeof signature !== 'string') return false;
  return isValidSlackRequest({
    signingSecret,
    body: req.rawBody.toString(),
    headers: {
      'x-slack-signature': signature,
      'x-slack-request-timestamp': Number(req.headers['x-slack-request-timestamp']),
    },
  });
}

/**
 * Bolt answers a request no listener acknowledged with a 404 after 3001 ms, just past Slack's
 * 3-second limit. An interaction we have no listener for (a forged or retired action id) gets a
 * plain 200 well inside it instead, so Slack shows the user no error, and nothing else happens.
 */
export const UNHANDLED_REQUEST_TIMEOUT_MS = 2_000;

export function answerUnhandled(logger: Logger) {
  return ({ response }: { response: ServerResponse }) => {
    logger.warn('no listener acknowledged a request; answered 200 with nothing');
    if (!response.headersSent) {
      response.writeHead(200);
      response.end();
    }
  };
}

/**
 * Errors that reach the receiver come from Bolt reading a payload before any listener ran
 * (listener errors end in app.error). A signed body Bolt cannot read, such as
 * `{"type":"block_actions","actions":null}`, is a bad request (400), not a server fault (500).
 */
export function answerBrokenPayload(logger: Logger) {
  return async (args: ReceiverProcessEventErrorHandlerArgs): Promise<boolean> => {
    if (args.response.headersSent || args.error instanceof AuthorizationError) {
      return HTTPModuleFunctions.defaultProcessEventErrorHandler(args);
    }
    logger.warn({ err: { name: args.error.name } }, 'could not process a signed payload');
    args.response.writeHead(400);
    args.response.end();
    return true;
  };
}
