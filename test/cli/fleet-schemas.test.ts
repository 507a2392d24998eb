import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { seededRandom } from '../support/fault-trials';
import { BIN, ROOT, runCli } from '../support/run-cli';
import { adminQuery, createScratchDatabase, testTargets, type ScratchDatabase } from '../support/test-cluster';

const CUSTOMER = (phone: boolean) => `import { Column, Entity, Index, OneToMany, PrimaryGeneratedColumn } from 'typeorm';
import { Order } from './order';

export enum Tier { Free = 'free', Paid = 'paid' }

@Entity('customers')
export class Customer {
  @PrimaryGeneratedColumn()
  id!: number;

  @Index()
  @Column({ type: 'varchar', length: 120 })
  email!: string;

  @Column({ type: 'enum', enum: Tier, default: Tier.Free })
  tier!: Tier;

  @Column({ type: 'varchar', length: 240, generatedType: 'STORED', asExpression: "lower(email) || '@tenant'", nullable: true })
  key!: string | null;
${phone ? `
  @Column({ type: 'varchar', length: 20, nullable: true })
  phone!: string | null;
` : ''}
  @OneToMany(() => Order, (o) => o.customer)
  orders!: Order[];
}
`;

const ORDER = `import { Column, Entity, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Customer } from './customer';

@Entity('orders')
export class Order {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'integer' })
  total!: number;

  @ManyToOne(() => Customer, (c) => c.orders, { onDelete: 'CASCADE' })
  customer!: Customer;
}
`;

const DATA_SOURCE = `import 'reflect-metadata';
import { DataSource } from 'typeorm';

export default new DataSource({
  type: 'postgres',
  url: process.env.DATABASE_URL,
  uuidExtension: 'pgcrypto',
  entities: [\`\${__dirname}/entities/*.ts\`],
  migrations: [\`\${__dirname}/migrations/*.ts\`],
});
`;

interface FleetJson {
  readonly targets: readonly { target: string; status: string; applied?: string[]; current?: string | null; pending?: number; clean?: boolean; error?: { code: string; message: string } }[];
  readonly ok: number;
  readonly complete: boolean;
}

const TENANTS = [...Array.from({ length: 21 }, (_, i) => `tenant_${String(i).padStart(2, '0')}`), 'Acme Corp EU'];

for (const server of testTargets()) {
  describe(`db-manage fleet over tenant schemas (${server.name})`, () => {
    const dir = join(ROOT, '.db-manage', 'test-projects', `fleet-schemas-${process.pid}-${server.name}`);
    let db: ScratchDatabase;
    let targets: string;
    const cli = (args: string[]) => runCli([...args, '-d', 'data-source.ts'], { cwd: dir, env: { DATABASE_URL: db.url } });
    const fleet = async (args: string[]) => {
      const r = await cli(['fleet', ...args, '--targets', targets, '--json']);
      return { code: r.code, stderr: r.stderr, report: JSON.parse(r.stdout || '{}') as FleetJson };
    };
    /** The tables, history rows and columns of one tenant schema. */
    const schemaFacts = async (schema: string) => {
      const tables = await adminQuery<{ t: string }>(db.url, `SELECT tablename AS t FROM pg_tables WHERE schemaname = $1 ORDER BY 1`, [schema]);
      const history = await adminQuery<{ n: number }>(db.url, `SELECT count(*)::int AS n FROM ${JSON.stringify(schema).replace(/\\"/g, '""')}.migrations`);
      const phone = await adminQuery(db.url, `SELECT 1 FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'customers' AND column_name = 'phone'`, [schema]);
      return { tables: tables.map((r) => r.t), history: history[0].n, phone: phone.length === 1 };
    };

    before(async () => {
      db = await createScratchDatabase(server, 'fleet_schemas');
      rmSync(dir, { recursive: true, force: true });
      for (const d of ['entities', 'migrations']) mkdirSync(join(dir, d), { recursive: true });
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'tenants-app', private: true, 'db-manage': { schemaPerTenant: true } }));
      writeFileSync(join(dir, 'data-source.ts'), DATA_SOURCE);
      writeFileSync(join(dir, 'entities', 'customer.ts'), CUSTOMER(false));
      writeFileSync(join(dir, 'entities', 'order.ts'), ORDER);
      targets = join(dir, 'tenants.txt');
      writeFileSync(targets, `# one schema a tenant\n${TENANTS.map((t) => `schema=${t}`).join('\n')}\n`);
    });
    after(async () => {
      rmSync(dir, { recursive: true, force: true });
      await db.drop();
    });

    test('migrate writes migrations that name no schema; fleet upgrade gives each of 22 schemas its tables and its own history', async () => {
      const m = await cli(['migrate', 'Initial']);
      assert.equal(m.code, 0, m.stderr);
      const files = readdirSync(join(dir, 'migrations'));
      assert.equal(files.length, 1);
      const text = readFileSync(join(dir, 'migrations', files[0]), 'utf8');
      assert.doesNotMatch(text, /"public"\./);
      assert.match(text, /CREATE TABLE "customers"/);
      // The development database's own schema, as before.
      assert.equal((await cli(['upgrade'])).code, 0);
      const r = await fleet(['upgrade']);
      assert.equal(r.code, 0, JSON.stringify(r.report.targets.filter((t) => t.status !== 'ok')));
      assert.deepEqual([r.report.targets.length, r.report.ok, r.report.complete], [22, 22, true]);
      for (const tenant of TENANTS) {
        assert.deepEqual(await schemaFacts(tenant), { tables: ['customers', 'migrations', 'orders', 'typeorm_metadata', 'db_manage_checksums'].sort(), history: 1, phone: false }, tenant);
      }
      const metadata = await adminQuery<{ schema: string }>(db.url, `SELECT "schema" FROM "tenant_03"."typeorm_metadata"`);
      assert.deepEqual(metadata.map((m) => m.schema), ['tenant_03']);
    });

    test('the next migration reaches every tenant once; status and check see each at head and clean', async () => {
      writeFileSync(join(dir, 'entities', 'customer.ts'), CUSTOMER(true));
      assert.equal((await cli(['migrate', 'Add phone'])).code, 0);
      assert.equal((await cli(['upgrade'])).code, 0);
      const r = await fleet(['upgrade', '--concurrency', '8']);
      assert.equal(r.code, 0, r.stderr);
      for (const t of r.report.targets) assert.equal(t.applied?.length, 1, t.target);
      for (const tenant of TENANTS) assert.deepEqual(await schemaFacts(tenant).then((f) => [f.history, f.phone]), [2, true], tenant);
      const status = await fleet(['status']);
      assert.equal(status.code, 0, status.stderr);
      for (const t of status.report.targets) assert.equal(t.pending, 0, t.target);
      const check = await fleet(['check']);
      assert.equal(check.code, 0, check.stderr);
      for (const t of check.report.targets) assert.equal(t.clean, true, `${t.target}: ${JSON.stringify(t)}`);
      // A tenant changed by hand is that tenant's drift alone.
      await adminQuery(db.url, 'ALTER TABLE "tenant_07"."customers" DROP COLUMN "phone"');
      const drift = await fleet(['check']);
      assert.equal(drift.code, 1);
      assert.deepEqual(drift.report.targets.filter((t) => !t.clean).map((t) => t.target), ['schema=tenant_07']);
    });

    test('kill -9 at a random moment, then the same command again: the next migration applied once in every schema', async () => {
      writeFileSync(join(dir, 'entities', 'order.ts'), ORDER.replace("  @Column({ type: 'integer' })\n  total!: number;", "  @Column({ type: 'integer' })\n  total!: number;\n\n  @Column({ type: 'text', nullable: true })\n  note!: string | null;"));
      assert.equal((await cli(['migrate', 'Add note'])).code, 0);
      assert.equal((await cli(['upgrade'])).code, 0);
      const random = seededRandom(Number(process.env.FLEET_SEED ?? server.name.length * 104729));
      const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', DATABASE_URL: db.url };
      const child = spawn(process.execPath, [BIN, 'fleet', 'upgrade', '--targets', targets, '--concurrency', '4', '-d', 'data-source.ts'], { cwd: dir, env, stdio: 'ignore' });
      const closed = new Promise((r) => child.once('close', r));
      const delay = 600 + Math.floor(random() * 1500);
      await new Promise((r) => setTimeout(r, delay));
      child.kill('SIGKILL');
      await closed;
      const again = await fleet(['upgrade']);
      assert.equal(again.code, 0, `after a kill at ${delay} ms: ${JSON.stringify(again.report)}${again.stderr}`);
      for (const tenant of TENANTS) {
        const history = await adminQuery<{ name: string; n: number }>(db.url, `SELECT name, count(*)::int AS n FROM ${JSON.stringify(tenant)}.migrations GROUP BY name`);
        assert.deepEqual(history.map((h) => h.n), [1, 1, 1], `${tenant}: each migration recorded once`);
        const note = await adminQuery(db.url, `SELECT 1 FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'orders' AND column_name = 'note'`, [tenant]);
        assert.equal(note.length, 1, tenant);
      }
      const locks = await adminQuery<{ n: number }>(db.url, `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_database d ON d.oid = l.database WHERE l.locktype = 'advisory' AND d.datname = current_database()`);
      assert.equal(locks[0].n, 0, 'no migration lock left');
    });

    test('an entity in a named schema gets a warning: every tenant would create it again', async () => {
      const shared = join(dir, 'entities', 'plan.ts');
      writeFileSync(shared, `import { Entity, PrimaryGeneratedColumn } from 'typeorm';\n\n@Entity({ name: 'plans', schema: 'billing' })\nexport class Plan {\n  @PrimaryGeneratedColumn()\n  id!: number;\n}\n`);
      try {
        const r = await cli(['migrate', 'Shared plans', '--sql']);
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stdout + r.stderr, /schema per tenant: this migration also changes schema billing, which every tenant's run would change again/);
        assert.match(r.stdout, /CREATE TABLE "billing"\."plans"/);
      } finally {
        rmSync(shared);
      }
    });

    test('schema targets in a project that is not schema per tenant are refused before anything connects', async () => {
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'tenants-app', private: true }));
      try {
        const r = await cli(['fleet', 'status', '--targets', targets]);
        assert.equal(r.code, 3, r.stderr);
        assert.match(r.stderr, /^error: .*tenants\.txt line 2: schema=tenant_00: this project is not schema per tenant/);
      } finally {
        writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'tenants-app', private: true, 'db-manage': { schemaPerTenant: true } }));
      }
    });
  });
}
