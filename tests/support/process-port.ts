/**
 * The port a `src/main.ts` process started with PORT=0 bound, read from its
 * "career-path is running" log line (pino JSON), or undefined if that line has not come yet.
 */
export function boundPort(output: string): number | undefined {
  for (const line of output.split('\n')) {
    if (!line.includes('career-path is running')) continue;
    try {
      const port = (JSON.parse(line) as { port?: unknown }).port;
      if (typeof port === 'number' && port > 0) return port;
    } catch {
      // not a JSON line
    }
  }
  return undefined;
}
