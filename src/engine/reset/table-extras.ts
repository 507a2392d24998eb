import type { Queryable } from '../inspect/queryable';
import { qualify, quoteIdent } from '../sql/quote';
import type { ManagedTable } from '../safety/managed-objects';
import { PAIRS, pairKey, pairParams } from './database-objects';

/**
 * What a table has beyond what the entity model describes, as PostgreSQL prints it:
 * indexes (DESC, INCLUDE, operator classes, predicates), triggers and whether they fire,
 * row-level security and its policies, grants (table and column), storage options,
 * owner and replica identity. A hand-written migration adds these; a rebuild must not lose them.
 */
export interface TableExtras {
  readonly schema: string;
  readonly table: string;
  /** `constraint`: the index of a primary key, unique or exclusion constraint, which comes back with it. */
  readonly indexes: readonly { readonly name: string; readonly definition: string; readonly constraint: boolean }[];
  readonly triggers: readonly { readonly name: string; readonly definition: string; readonly enabled: string }[];
  readonly rowSecurity: boolean;
  readonly forceRowSecurity: boolean;
  readonly policies: readonly string[];
  /** "grantee privilege[*]" per grant, `*` for WITH GRANT OPTION; null = the defaults. */
  readonly grants: readonly string[] | null;
  readonly columnGrants: readonly string[];
  readonly options: readonly string[];
  readonly owner: string;
  readonly replicaIdentity: string;
}

const COMMANDS: Readonly<Record<string, string>> = { r: 'SELECT', a: 'INSERT', w: 'UPDATE', d: 'DELETE', '*': 'ALL' };

/** Reads the extras of each table that exists, keyed by pairKey(schema, table). */
export async function readTableExtras(db: Queryable, tables: readonly ManagedTable[]): Promise<Map<string, TableExtras>> {
  const out = new Map<string, TableExtras>();
  if (tables.length === 0) return out;
  const rows = (await db.query(
    `SELECT n.nspname AS schema, c.relname AS table, c.relrowsecurity AS rls, c.relforcerowsecurity AS force_rls,
       pg_get_userbyid(c.relowner) AS owner, c.relreplident::text AS replident, COALESCE(c.reloptions, '{}') AS options,
       CASE WHEN c.relacl IS NULL THEN NULL ELSE ARRAY(
         SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END || ' ' || a.privilege_type
                || CASE WHEN a.is_grantable THEN '*' ELSE '' END || ' by ' || quote_ident(pg_get_userbyid(a.grantor))
         FROM aclexplode(c.relacl) a ORDER BY 1) END AS grants,
       ARRAY(SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END || ' ' || a.privilege_type
                    || CASE WHEN a.is_grantable THEN '*' ELSE '' END || ' (' || quote_ident(att.attname) || ')'
             FROM pg_attribute att, aclexplode(att.attacl) a
             WHERE att.attrelid = c.oid AND att.attacl IS NOT NULL AND att.attnum > 0 AND NOT att.attisdropped ORDER BY 1) AS column_grants,
       ARRAY(SELECT json_build_object('name', ic.relname, 'definition', pg_get_indexdef(i.indexrelid),
                                     'constraint', EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.conrelid = c.oid))::text
             FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
             WHERE i.indrelid = c.oid ORDER BY ic.relname) AS indexes,
       ARRAY(SELECT json_build_object('name', tg.tgname, 'definition', pg_get_triggerdef(tg.oid), 'enabled', tg.tgenabled::text)::text
             FROM pg_trigger tg WHERE tg.tgrelid = c.oid AND NOT tg.tgisinternal ORDER BY tg.tgname) AS triggers,
       ARRAY(SELECT 'CREATE POLICY ' || quote_ident(p.polname) || ' ON ' || quote_ident(n.nspname) || '.' || quote_ident(c.relname)
                    || ' AS ' || CASE WHEN p.polpermissive THEN 'PERMISSIVE' ELSE 'RESTRICTIVE' END
                    || ' FOR ' || p.polcmd::text
                    || ' TO ' || (SELECT string_agg(CASE WHEN r = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(r)) END, ', ' ORDER BY 1) FROM unnest(p.polroles) r)
                    || COALESCE(' USING (' || pg_get_expr(p.polqual, p.polrelid) || ')', '')
                    || COALESCE(' WITH CHECK (' || pg_get_expr(p.polwithcheck, p.polrelid) || ')', '')
             FROM pg_policy p WHERE p.polrelid = c.oid ORDER BY p.polname) AS policies
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'p') AND (n.nspname, c.relname) IN (${PAIRS})`,
    pairParams(tables.map((t) => ({ schema: t.schema, name: t.table }))),
  )) as {
    schema: string;
    table: string;
    rls: boolean;
    force_rls: boolean;
    owner: string;
    replident: string;
    options: string[];
    grants: string[] | null;
    column_grants: string[];
    indexes: string[];
    triggers: string[];
    policies: string[];
  }[];
  for (const r of rows) {
    out.set(pairKey(r.schema, r.table), {
      schema: r.schema,
      table: r.table,
      indexes: r.indexes.map((j) => JSON.parse(j) as { name: string; definition: string; constraint: boolean }),
      triggers: r.triggers.map((j) => JSON.parse(j) as { name: string; definition: string; enabled: string }),
      rowSecurity: r.rls,
      forceRowSecurity: r.force_rls,
      // polcmd is one letter; the statement needs the word.
      policies: r.policies.map((p) => p.replace(/ FOR (.) TO /, (_m, cmd: string) => ` FOR ${COMMANDS[cmd] ?? 'ALL'} TO `)),
      grants: r.grants,
      columnGrants: r.column_grants,
      options: r.options,
      owner: r.owner,
      replicaIdentity: r.replident,
    });
  }
  return out;
}

const TRIGGER_STATE: Readonly<Record<string, string>> = { D: 'DISABLE TRIGGER', R: 'ENABLE REPLICA TRIGGER', A: 'ENABLE ALWAYS TRIGGER' };

/** "grantee PRIVILEGE[*] …" back to GRANT statements. */
function grantStatements(on: string, grants: readonly string[], column: boolean): string[] {
  return grants.map((g) => {
    const match = /^(PUBLIC|"(?:[^"]|"")+"|\S+) ([A-Z ]+?)(\*)?(?: by .*| \((.+)\))?$/.exec(g);
    if (!match) return `-- unreadable grant ${g}`;
    const [, grantee, privilege, grantable, columnName] = match;
    return `GRANT ${privilege}${column && columnName ? ` (${columnName})` : ''} ON ${on} TO ${grantee}${grantable ? ' WITH GRANT OPTION' : ''}`;
  });
}

/**
 * The statements that give a freshly rebuilt table (`now`) the extras it had (`was`):
 * indexes whose definition differs are made again as they were.
 */
export function restoreExtrasSql(was: TableExtras, now: TableExtras): string[] {
  const table = qualify(was.schema, was.table);
  const out: string[] = [];
  const rebuilt = new Map(now.indexes.map((i) => [i.name, i.definition]));
  for (const index of was.indexes) {
    const current = rebuilt.get(index.name);
    if (current === index.definition || index.constraint) continue;
    if (current !== undefined) out.push(`DROP INDEX ${qualify(was.schema, index.name)}`);
    out.push(index.definition);
  }
  const triggers = new Set(now.triggers.map((t) => t.name));
  for (const t of was.triggers) {
    if (!triggers.has(t.name)) out.push(t.definition);
    if (TRIGGER_STATE[t.enabled]) out.push(`ALTER TABLE ${table} ${TRIGGER_STATE[t.enabled]} ${quoteIdent(t.name)}`);
  }
  if (was.rowSecurity && !now.rowSecurity) out.push(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
  if (was.forceRowSecurity && !now.forceRowSecurity) out.push(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
  const policies = new Set(now.policies);
  for (const p of was.policies) if (!policies.has(p)) out.push(p);
  if (was.options.length > 0) out.push(`ALTER TABLE ${table} SET (${was.options.join(', ')})`);
  if (was.owner !== now.owner) out.push(`ALTER TABLE ${table} OWNER TO ${quoteIdent(was.owner)}`);
  if (was.grants !== null && JSON.stringify(was.grants) !== JSON.stringify(now.grants)) {
    const holders = new Set(['PUBLIC', quoteIdent(was.owner), ...(now.grants ?? []).map((g) => g.split(' ')[0])]);
    out.push(`REVOKE ALL ON ${table} FROM ${[...holders].join(', ')}`);
    out.push(...grantStatements(table, was.grants, false));
  }
  out.push(...grantStatements(table, was.columnGrants.filter((g) => !now.columnGrants.includes(g)), true));
  const identity: Readonly<Record<string, string>> = { f: 'FULL', n: 'NOTHING' };
  if (was.replicaIdentity !== now.replicaIdentity && identity[was.replicaIdentity]) out.push(`ALTER TABLE ${table} REPLICA IDENTITY ${identity[was.replicaIdentity]}`);
  return out;
}

/** One line per extra, for telling whether a rebuilt table got everything back. */
export function extrasImage(extras: TableExtras): string[] {
  const t = `${JSON.stringify([extras.schema, extras.table])}`;
  return [
    ...extras.indexes.map((i) => `${t} index ${i.definition}`),
    ...extras.triggers.map((x) => `${t} trigger ${x.definition} [${x.enabled}]`),
    `${t} row level security ${extras.rowSecurity ? 'on' : 'off'}${extras.forceRowSecurity ? ', forced' : ''}`,
    ...extras.policies.map((p) => `${t} ${p}`),
    `${t} grants ${extras.grants === null ? 'default' : extras.grants.join('; ')}`,
    ...extras.columnGrants.map((g) => `${t} column grant ${g}`),
    `${t} options ${extras.options.join(', ')}`,
    `${t} owner ${extras.owner}`,
    `${t} replica identity ${extras.replicaIdentity}`,
  ];
}
