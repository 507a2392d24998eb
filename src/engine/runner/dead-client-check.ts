import type { Queryable } from '../inspect/queryable';

/** How often the server looks for the client while a statement runs. */
export const CLIENT_CHECK_INTERVAL_MS = 1000;

/**
 * Asks the server to end this session, mid-statement, once the client is gone.
 *
 * Without it a run killed with -9 leaves its session behind: the statement in flight
 * (a long UPDATE, or an ALTER TABLE queued behind the app's transactions) runs on, keeps
 * its table locks and the migration lock, and only then rolls back. PostgreSQL 14 added
 * the setting; older servers, and platforms without the kernel support, go without.
 */
export async function endSessionWithClient(db: Queryable): Promise<void> {
  try {
    await db.query(
      `SELECT set_config('client_connection_check_interval', $1, false) WHERE current_setting('server_version_num')::int >= 140000`,
      [`${CLIENT_CHECK_INTERVAL_MS}ms`],
    );
  } catch {
    // Not supported here: a killed run's session then lasts as long as its statement.
  }
}
