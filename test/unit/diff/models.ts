import { sealModel, type ColumnModel, type SchemaModel, type TableModel } from '../../../src/engine/model/schema-model';

/** Literal models for compare/render tests: no entities, no database. */
export function column(name: string, type: string, extra: Partial<ColumnModel> = {}): ColumnModel {
  return { name, type, nullable: false, default: null, generated: null, expression: null, comment: null, collation: null, ...extra };
}

export function table(schema: string, name: string, extra: Partial<TableModel> = {}): TableModel {
  return {
    schema,
    name,
    columns: [column('id', 'integer', { generated: 'serial' })],
    primaryKey: { name: `PK_${name}`, columns: ['id'] },
    uniques: [],
    checks: [],
    exclusions: [],
    indexes: [],
    foreignKeys: [],
    comment: null,
    ...extra,
  };
}

export function model(parts: Partial<SchemaModel>): SchemaModel {
  const tables = parts.tables ?? [];
  return sealModel({
    schemas: parts.schemas ?? [...new Set(['public', ...tables.map((t) => t.schema)])],
    extensions: parts.extensions ?? [],
    enums: parts.enums ?? [],
    tables,
    typeormMetadata: parts.typeormMetadata ?? null,
  });
}

export const EMPTY = model({ schemas: ['public'] });

/** A model with a bit of everything, for determinism and reversal tests. */
export function richModel(): SchemaModel {
  const users = table('public', 'users', {
    columns: [
      column('id', 'uuid', { default: 'gen_random_uuid()' }),
      column('email', 'character varying(120)'),
      column('role', '"public"."user_role"', { default: "'member'" }),
      column('tags', 'text[]', { default: "'{}'" }),
    ],
    primaryKey: { name: 'PK_users', columns: ['id'] },
    uniques: [{ name: 'UQ_email', columns: ['email'], deferrable: null }],
    checks: [{ name: 'CHK_email', expression: "email <> ''" }],
    indexes: [{ name: 'IDX_role', columns: ['role'], unique: false, where: null, method: 'btree' }],
  });
  const views = table('analytics', 'page_views', {
    columns: [column('id', 'integer', { generated: 'serial' }), column('userId', 'uuid', { nullable: true })],
    foreignKeys: [
      {
        name: 'FK_user',
        columns: ['userId'],
        referencedSchema: 'public',
        referencedTable: 'users',
        referencedColumns: ['id'],
        onDelete: 'SET NULL',
        onUpdate: 'NO ACTION',
        deferrable: null,
      },
    ],
  });
  return model({
    schemas: ['analytics', 'public'],
    extensions: ['uuid-ossp'],
    enums: [{ schema: 'public', name: 'user_role', values: ['admin', 'member'] }],
    tables: [users, views],
  });
}

/** Fisher–Yates with a seeded generator, so a failing shuffle can be replayed. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  const random = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
