import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoadBalancer {
  /** Point the emulator here (…/slack/events). */
  url: string;
  /** The bots' base URLs, in round-robin order; replace to add, drop or restart an instance. */
  targets: string[];
  /** How many requests each target got. */
  hits: Map<string, number>;
  close(): Promise<void>;
}

/**
 * A round-robin reverse proxy in front of several bot instances, like the load balancer of a
 * real deployment: each Slack request can land on a different instance. Bodies and headers
 * (signatures included) pass through untouched.
 */
export async function startLoadBalancer(targets: string[]): Promise<LoadBalancer> {
  let next = 0;
  const lb: LoadBalancer = {
    url: '',
    targets: [...targets],
    hits: new Map(),
    close: async () => {},
  };
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const target = lb.targets[next++ % lb.targets.length];
    if (!target) {
      res.writeHead(502).end();
      return;
    }
    lb.hits.set(target, (lb.hits.get(target) ?? 0) + 1);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) {
      if (typeof v === 'string' && k !== 'host' && k !== 'content-length') headers[k] = v;
    }
    try {
      const answer = await fetch(`${target}${req.url ?? '/'}`, {
        method: req.method ?? 'POST',
        headers,
        body: Buffer.concat(chunks),
      });
      const body = Buffer.from(await answer.arrayBuffer());
      res.writeHead(answer.status, {
        'content-type': answer.headers.get('content-type') ?? 'text/plain',
      });
      res.end(body);
    } catch {
      res.writeHead(502).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  lb.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  lb.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return lb;
}
