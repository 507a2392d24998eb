import { QueryFailedError, type DataSource, type QueryRunner } from 'typeorm';
import { canPipeline, startsSavepoints } from './pipelined-statement';
import { clientOf } from './sql-recorder';

/**
 * Runs a migration's body with its DDL pipelined: each `CREATE`/`ALTER`/`DROP`/`COMMENT`/`SET`
 * goes on the wire at once (pg's pipeline mode, one Query message per statement, exactly the
 * text TypeORM would send) and the body goes on without waiting for the answer, which for
 * such a statement is always `[]`. A 1,000-table migration then costs the server's work plus
 * a few round trips, instead of one round trip per statement.
 *
 * What the runner promises is kept. Every statement is still its own message, so PostgreSQL
 * parses and runs each alone, in order, inside the migration's transaction. The first
 * failure is TypeORM's own QueryFailedError naming that statement; it is thrown at the next
 * statement that is not pipelined, at the next pipelined one, or when the body returns, and
 * every statement after it fails with the aborted transaction, which is rolled back as before.
 * Reads, parameterised statements and structured results wait for every answer before them,
 * so a migration that looks at what it built sees it. From a savepoint on, statements go one
 * at a time, so a migration that catches a failure and rolls back to it behaves as it did;
 * and only inside a transaction block, where a failure stops everything after it.
 */
export interface StatementPipeline {
  during<T>(body: () => Promise<T>): Promise<T>;
  /** The first statement that failed, once one has: the cause of whatever the body threw after it. */
  readonly failure: unknown;
}

/** The parts of pg's Client the pipeline uses; older releases have no `pipeline` flag. */
interface PipelineClient {
  pipeline: boolean;
  query(text: string): Promise<unknown>;
  /** From the server's last ReadyForQuery: 'T' inside a transaction block, 'I' outside, 'E' failed. */
  getTransactionStatus(): string | null;
  readonly connectionParameters?: { readonly query_timeout?: number | false };
}

function pipelineClient(runner: QueryRunner): PipelineClient | null {
  const client = clientOf(runner) as Partial<PipelineClient> | undefined;
  const usable = client && typeof client.pipeline === 'boolean' && typeof client.query === 'function' && typeof client.getTransactionStatus === 'function';
  // pg's query_timeout runs from the moment a query is handed over: a statement queued behind
  // a thousand others would time out where, sent alone, it would not.
  if (!usable || client.connectionParameters?.query_timeout) return null;
  return client as PipelineClient;
}

/**
 * Whether TypeORM would do something per statement that a pipelined statement skips: a
 * subscriber's beforeQuery/afterQuery, or the slow-query log's timing.
 */
function observesEachQuery(ds: DataSource): boolean {
  if ((ds.options as { maxQueryExecutionTime?: number }).maxQueryExecutionTime) return true;
  return ds.subscribers.some((s) => {
    const hooks = s as { beforeQuery?: unknown; afterQuery?: unknown };
    return typeof hooks.beforeQuery === 'function' || typeof hooks.afterQuery === 'function';
  });
}

/**
 * The pipeline for one migration on `runner`, connected and inside a transaction; null
 * when the driver cannot pipeline (pg before pipeline mode, pg-native) or times each query
 * on the client (`query_timeout`), and the body then runs as it is. While the project
 * watches each query, statements are not pipelined.
 */
export function statementPipeline(ds: DataSource, runner: QueryRunner): StatementPipeline | null {
  const client = pipelineClient(runner);
  if (!client) return null;
  const logger = ds.logger;
  let failure: unknown;
  let last: Promise<void> = Promise.resolve();
  let oneAtATime = false;

  const send = (sql: string) => {
    logger.logQuery(sql, undefined, runner);
    client.pipeline = true;
    last = client.query(sql).then(
      () => undefined,
      (err: unknown) => {
        // The statements after the first failure fail only because the transaction is aborted.
        if (failure !== undefined) return;
        logger.logQueryError(err as Error, sql, undefined, runner);
        failure = new QueryFailedError(sql, undefined, err as Error);
      },
    );
  };

  /** Waits for every answer; the client leaves pipeline mode only once none is outstanding. */
  const drain = async () => {
    for (let seen: Promise<void> | null = null; seen !== last; ) {
      seen = last;
      await seen;
    }
    client.pipeline = false;
  };
  const settle = async () => {
    await drain();
    if (failure !== undefined) throw failure;
  };

  return {
    get failure() {
      return failure;
    },
    async during(body) {
      const query = runner.query;
      const stream = runner.stream;
      const connect = runner.connect;
      runner.query = async function pipelinedQuery(sql: string, parameters?: unknown[], structured?: boolean) {
        if (failure !== undefined) throw failure;
        // Only inside a transaction block: a migration may COMMIT part-way (to run CREATE INDEX
        // CONCURRENTLY), and outside a block a statement after a failed one would run and stay.
        // Nothing pipelined ends a block, and what ends one is awaited, so the status is current.
        // Subscribers are asked each time: one may be added while the migration runs.
        const pipelined = !oneAtATime && !runner.isReleased && canPipeline(sql, parameters, structured);
        if (pipelined && client.getTransactionStatus() === 'T' && !observesEachQuery(ds)) {
          send(sql);
          return [];
        }
        await settle();
        if (startsSavepoints(sql)) oneAtATime = true;
        return (query as (...a: unknown[]) => Promise<unknown>).call(runner, sql, parameters, structured);
      } as QueryRunner['query'];
      // The raw client, and a stream, may hold a portal open, which pg refuses in pipeline mode.
      runner.connect = async function settledConnect() {
        await settle();
        return connect.call(runner);
      };
      runner.stream = async function settledStream(...args: unknown[]) {
        await settle();
        return (stream as (...a: unknown[]) => Promise<unknown>).apply(runner, args);
      } as QueryRunner['stream'];
      try {
        const result = await body();
        await settle();
        return result;
      } finally {
        await drain();
        runner.query = query;
        runner.stream = stream;
        runner.connect = connect;
      }
    },
  };
}
