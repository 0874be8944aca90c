import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/**
 * /healthz in Socket Mode, where the app has no HTTP receiver. Bolt's SocketModeReceiver could
 * serve it as a custom route, but on a port fixed at construction (3000 unless told), on a
 * listen() it neither waits for nor reports errors on; this one listens on the PORT given to
 * start(), fails start() when it cannot, and answers nothing else (404).
 */
export async function serveHealth(
  port: number,
  path: string,
  handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
): Promise<Server> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://health');
    if (url.pathname === path && req.method === 'GET') {
      handler(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(503);
        res.end();
      });
      return;
    }
    req.resume();
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}
