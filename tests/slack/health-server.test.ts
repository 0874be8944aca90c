import type { AddressInfo, Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { serveHealth } from '../../src/slack/transport/health-server.ts';

// /healthz in Socket Mode, as a load balancer or an orchestrator probes it.

const open: Server[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function serve(handler: Parameters<typeof serveHealth>[2], port = 0) {
  const server = await serveHealth(port, '/healthz', handler);
  open.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const healthy: Parameters<typeof serveHealth>[2] = async (_req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
};

describe('the Socket Mode health server', () => {
  it('answers GET /healthz, query string or not, with what the check says', async () => {
    const base = await serve(healthy);
    for (const path of ['/healthz', '/healthz?probe=1']) {
      const res = await fetch(`${base}${path}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('ok');
    }
  });

  it('answers anything else with 404: another path, or another method on /healthz', async () => {
    const base = await serve(healthy);
    expect((await fetch(`${base}/`)).status).toBe(404);
    expect((await fetch(`${base}/slack/events`, { method: 'POST', body: '{}' })).status).toBe(404);
    expect((await fetch(`${base}/healthz`, { method: 'POST', body: 'x' })).status).toBe(404);
  });

  it('a check that fails is 503, not a hung probe', async () => {
    const base = await serve(async () => {
      throw new Error('store down');
    });
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(503);
  });

  it('a check that fails after it began its answer ends that answer instead of hanging', async () => {
    const base = await serve(async (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('partial');
      throw new Error('late');
    });
    const res = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(5_000) });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('partial');
  });

  it('start-up fails when the port is taken, rather than running without a health check', async () => {
    const base = await serve(healthy);
    const port = Number(new URL(base).port);
    await expect(serveHealth(port, '/healthz', healthy)).rejects.toMatchObject({
      code: 'EADDRINUSE',
    });
  });
});
