import { Client } from 'pg';

export interface ConnectionWatch {
  /** Stops sampling; the largest count seen. */
  stop(): Promise<number>;
}

/**
 * Samples the server's backends on the fleet's databases every `everyMs` from a connection of
 * its own (to the admin database, which the filter leaves out). A sample, so a connection
 * opened and closed between two looks is missed: the figure is a lower bound on the peak.
 */
export async function watchConnections(adminUrl: string, datnameLike: string, everyMs = 50): Promise<ConnectionWatch> {
  const client = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 10_000 });
  await client.connect();
  let running = true;
  let peak = 0;
  let failure: unknown = null;
  const loop = (async () => {
    while (running) {
      const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname LIKE $1`, [datnameLike]);
      peak = Math.max(peak, rows[0]?.n ?? 0);
      await new Promise((ok) => setTimeout(ok, everyMs));
    }
  })().catch((err: unknown) => {
    // Kept for stop(): a rejection nobody awaits yet would end the process.
    failure = err;
  });
  return {
    async stop() {
      running = false;
      try {
        await loop;
      } finally {
        await client.end();
      }
      if (failure) throw failure;
      return peak;
    },
  };
}
