import { createServer } from 'node:net';

/** Whether something already listens on 127.0.0.1:`port` (where the embedded server listens). */
export function portTaken(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'EADDRINUSE' || err.code === 'EACCES'));
    probe.listen({ port, host: '127.0.0.1', exclusive: true }, () => probe.close(() => resolve(false)));
  });
}

/** The first free port after `port`, to suggest one that works right now. */
export async function freePortAfter(port: number): Promise<number | null> {
  for (let p = port + 1; p < Math.min(port + 50, 65536); p++) if (!(await portTaken(p))) return p;
  return null;
}

/** A server log's complaint that its port is taken, among the lines a start wrote. */
export function bindFailureIn(log: string): string | null {
  const line = log.split('\n').find((l) => /could not bind|Address already in use|could not create any TCP\/IP sockets/i.test(l));
  return line ? line.trim() : null;
}
