import { createServer, connect, type Server, type Socket } from 'node:net';

/** What the clients sent through the proxy: every simple query ('Q') and every parse ('P'). */
export interface QueryTally {
  readonly total: number;
  /** Statements that read the catalog: information_schema, pg_catalog or a pg_* relation. */
  readonly catalog: number;
  readonly statements: readonly string[];
}

export interface QueryCounter {
  /** The same URL, pointed through the proxy. */
  route(url: string): string;
  tally(): QueryTally;
  reset(): void;
  close(): Promise<void>;
}

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CATALOG = /\b(information_schema|pg_catalog|pg_[a-z_]+)\b/i;

/**
 * A PostgreSQL wire-protocol proxy on 127.0.0.1 that counts the statements a tool sends,
 * whatever the tool (TypeORM's CLI, db-manage, psql) and without any server setting such as
 * log_statement. Counting runs are separate from timed runs: the proxy adds latency.
 */
export async function startQueryCounter(target: { host: string; port: number }): Promise<QueryCounter> {
  let statements: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    sockets.add(client).add(upstream);
    let pending = Buffer.alloc(0);
    let startup = true;
    client.on('data', (chunk: Buffer) => {
      upstream.write(chunk);
      pending = Buffer.concat([pending, chunk]);
      for (;;) {
        if (startup) {
          if (pending.length < 8) break;
          const len = pending.readInt32BE(0);
          if (pending.length < len) break;
          const code = pending.readInt32BE(4);
          if (code !== SSL_REQUEST && code !== GSSENC_REQUEST) startup = false;
          pending = pending.subarray(len);
          continue;
        }
        if (pending.length < 5) break;
        const type = String.fromCharCode(pending[0]);
        const len = pending.readInt32BE(1);
        if (pending.length < 1 + len) break;
        const body = pending.subarray(5, 1 + len);
        if (type === 'Q') statements.push(body.toString('utf8', 0, body.indexOf(0)));
        if (type === 'P') {
          const nameEnd = body.indexOf(0);
          statements.push(body.toString('utf8', nameEnd + 1, body.indexOf(0, nameEnd + 1)));
        }
        pending = pending.subarray(1 + len);
      }
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    route(url) {
      const parsed = new URL(url);
      parsed.hostname = '127.0.0.1';
      parsed.port = String(port);
      return parsed.toString();
    },
    tally: () => ({ total: statements.length, catalog: statements.filter((s) => CATALOG.test(s)).length, statements: [...statements] }),
    reset: () => {
      statements = [];
    },
    close: () =>
      new Promise<void>((ok) => {
        for (const s of sockets) s.destroy();
        server.close(() => ok());
      }),
  };
}

export function targetOf(url: string): { host: string; port: number } {
  const parsed = new URL(url);
  return { host: parsed.hostname, port: Number(parsed.port || 5432) };
}
