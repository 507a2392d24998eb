// Child of bench/test-database.ts: a new process's first createTestDatabase() call, as each
// test file of a suite makes it. Prints {"ms": …} on stdout. Arguments: <project dir> <data source>.
import { createTestDatabase } from '../../src/api';

async function main(): Promise<void> {
  const [cwd, datasource] = process.argv.slice(2);
  const started = process.hrtime.bigint();
  const db = await createTestDatabase({ cwd, datasource });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  await db.drop();
  process.stdout.write(`${JSON.stringify({ ms })}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
