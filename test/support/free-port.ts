import { createServer } from 'node:net';

/** A loopback port nothing listens on right now, for a throwaway cluster of a test's own. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}
