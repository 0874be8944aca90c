/** Small HTTP helpers on node:http, for both directions (bot → emulator and emulator → bot). */
import { type Agent, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { JsonObject } from './types.ts';

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Fields Slack accepts as JSON-encoded strings in form posts (the WebClient sends them that way). */
const JSON_FIELDS = new Set(['blocks', 'attachments', 'view', 'metadata', 'options']);

/**
 * Parses Web API arguments from a form or JSON body plus the query string, decoding JSON-encoded
 * fields. Returns undefined when the body is not parseable.
 */
export function parseApiArgs(
  raw: string,
  contentType: string | undefined,
  query: URLSearchParams,
): JsonObject | undefined {
  const args: JsonObject = {};
  for (const [key, value] of query) args[key] = value;
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (type === 'application/json') {
    if (raw.trim() === '') return args;
    try {
      const parsed: unknown = JSON.parse(raw);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
      Object.assign(args, parsed);
    } catch {
      return undefined;
    }
  } else {
    for (const [key, value] of new URLSearchParams(raw)) {
      if (JSON_FIELDS.has(key)) {
        try {
          args[key] = JSON.parse(value);
        } catch {
          args[key] = value; // left as a string; validation reports it like Slack does
        }
      } else {
        args[key] = value;
      }
    }
  }
  return args;
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export interface HttpResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/**
 * POSTs a body and resolves with status, headers and text. No keep-alive unless an agent is
 * given, so nothing lingers between tests. Header values of `undefined` are dropped (tests use
 * this to omit headers).
 */
export function post(
  url: string,
  body: string,
  headers: Record<string, string | undefined>,
  timeoutMs = 10_000,
  agent?: Agent,
): Promise<HttpResult> {
  const clean: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) if (value !== undefined) clean[key] = value;
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent: agent ?? false,
        headers: { ...clean, 'content-length': String(Buffer.byteLength(body)) },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`POST ${url} timed out after ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** Parses a response body: JSON when it looks like JSON, otherwise the text. */
export function parseResponseBody(result: HttpResult): unknown {
  const type = String(result.headers['content-type'] ?? '');
  const trimmed = result.text.trim();
  if (type.includes('json') || trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.parse(result.text);
    } catch {
      return result.text;
    }
  }
  return result.text;
}
