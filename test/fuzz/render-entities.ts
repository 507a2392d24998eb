import type { ColumnSpec, DefaultSpec, EmbeddedSpec, EntitySet, EntitySpec, RelationSpec } from './entity-spec';
import { typeDef } from './column-types';
import { SCHEMAS } from './generate-set';

/**
 * Turns an entity set into the files a user would write: one decorated class per file
 * under entities/, and a data-source.ts whose migrations live in ../migrations (the
 * scenario layout, so each step of a run is its own folder and module cache entry).
 */
const s = (text: string) => JSON.stringify(text);

export function fileOf(className: string): string {
  return className.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

function defaultText(d: DefaultSpec): string {
  if (d.kind === 'sql') return `() => ${s(d.sql)}`;
  return JSON.stringify(d.value);
}

function tsType(c: ColumnSpec): string {
  const base = c.type === 'enum' ? 'string' : typeDef(c.type).ts;
  const t = c.array ? `${base}[]` : base;
  return c.nullable ? `${t} | null` : t;
}

function columnOptions(c: ColumnSpec): string {
  const o: string[] = [`type: ${s(c.type)}`];
  if (c.name !== undefined) o.push(`name: ${s(c.name)}`);
  if (c.length !== undefined) o.push(`length: ${c.length}`);
  if (c.precision !== undefined) o.push(`precision: ${c.precision}`);
  if (c.scale !== undefined) o.push(`scale: ${c.scale}`);
  if (c.enumValues !== undefined) o.push(`enum: [${c.enumValues.map(s).join(', ')}]`);
  if (c.enumName !== undefined) o.push(`enumName: ${s(c.enumName)}`);
  if (c.array) o.push('array: true');
  if (c.nullable) o.push('nullable: true');
  if (c.unique) o.push('unique: true');
  if (c.default !== undefined) o.push(`default: ${defaultText(c.default)}`);
  if (c.generatedExpr !== undefined) o.push(`generatedType: 'STORED'`, `asExpression: ${s(c.generatedExpr)}`);
  if (c.collation !== undefined) o.push(`collation: ${s(c.collation)}`);
  if (c.comment !== undefined) o.push(`comment: ${s(c.comment)}`);
  return `{ ${o.join(', ')} }`;
}

function column(c: ColumnSpec): string[] {
  const lines: string[] = [];
  if (c.indexed) lines.push('  @Index()');
  lines.push(`  @${c.decorator}(${columnOptions(c)})`, `  ${c.prop}: ${tsType(c)};`, '');
  return lines;
}

function primary(e: EntitySpec): string[] {
  const p = e.primary;
  const name = p.name !== undefined ? `, name: ${s(p.name)}` : '';
  const decorator = {
    increment: `@PrimaryGeneratedColumn(${name ? `{ ${name.slice(2)} }` : ''})`,
    uuid: `@PrimaryGeneratedColumn('uuid'${name ? `, { ${name.slice(2)} }` : ''})`,
    identity: `@PrimaryGeneratedColumn('identity', { generatedIdentity: 'BY DEFAULT'${name} })`,
    int: `@PrimaryColumn({ type: 'int'${name} })`,
    varchar: `@PrimaryColumn({ type: 'varchar', length: 36${name} })`,
  }[p.strategy];
  const ts = p.strategy === 'uuid' || p.strategy === 'varchar' ? 'string' : 'number';
  return [`  ${decorator}`, `  ${p.prop}: ${ts};`, ''];
}

function relation(rel: RelationSpec, owner: string): string[] {
  const o: string[] = [];
  if (rel.nullable !== undefined) o.push(`nullable: ${rel.nullable}`);
  if (rel.onDelete) o.push(`onDelete: ${s(rel.onDelete)}`);
  if (rel.onUpdate) o.push(`onUpdate: ${s(rel.onUpdate)}`);
  if (rel.cascade) o.push('cascade: true');
  const opts = o.length > 0 ? `, { ${o.join(', ')} }` : '';
  if (rel.kind === 'many-to-many') {
    return [
      // Both sides name each other, as the class-2 instance does.
      `  @ManyToMany(() => ${rel.target}${rel.bothSides && rel.target !== owner ? `, (o) => o.${backProp(rel)}` : ''}${opts})`,
      `  @JoinTable(${rel.joinTable ? `{ name: ${s(rel.joinTable)} }` : ''})`,
      `  ${rel.prop}: ${rel.target}[];`,
      '',
    ];
  }
  const decorator = rel.kind === 'many-to-one' ? 'ManyToOne' : 'OneToOne';
  const join = rel.joinColumn ? `  @JoinColumn({ name: ${s(rel.joinColumn)} })` : rel.kind === 'one-to-one' ? '  @JoinColumn()' : null;
  return [`  @${decorator}(() => ${rel.target}${opts})`, ...(join ? [join] : []), `  ${rel.prop}: ${rel.target}${rel.nullable ? ' | null' : ''};`, ''];
}

function embeddedClass(x: EmbeddedSpec): string[] {
  return [`export class ${x.className} {`, ...x.columns.flatMap(column), '}', ''];
}

function embeddedProp(x: EmbeddedSpec): string[] {
  const prefix = x.prefix === undefined ? '' : `, { prefix: ${x.prefix === false ? 'false' : s(x.prefix)} }`;
  return [`  @Column(() => ${x.className}${prefix})`, `  ${x.prop}: ${x.className};`, ''];
}

const backProp = (rel: RelationSpec) => `back${rel.prop[0].toUpperCase()}${rel.prop.slice(1)}`;

/** The inverse side that repeats the owner's @JoinTable (fidelity class 2). */
function backReferences(set: EntitySet, e: EntitySpec): string[] {
  const out: string[] = [];
  for (const owner of set.entities) {
    for (const rel of owner.relations) {
      if (rel.kind !== 'many-to-many' || !rel.bothSides || rel.target !== e.className || owner === e) continue;
      out.push(
        `  @ManyToMany(() => ${owner.className}, (o) => o.${rel.prop})`,
        `  @JoinTable(${rel.joinTable ? `{ name: ${s(rel.joinTable)} }` : ''})`,
        `  ${backProp(rel)}: ${owner.className}[];`,
        '',
      );
    }
  }
  return out;
}

function classDecorators(e: EntitySpec): string[] {
  const o: string[] = [`name: ${s(e.table)}`];
  if (e.schema) o.push(`schema: ${s(e.schema)}`);
  if (e.comment !== undefined) o.push(`comment: ${s(e.comment)}`);
  const lines = [`@Entity({ ${o.join(', ')} })`];
  if (e.tree) lines.push(`@Tree(${s(e.tree)})`);
  if (e.sti) lines.push(`@TableInheritance({ column: { type: 'varchar', name: ${s(e.sti.column)} } })`);
  for (const i of e.indexes) {
    const opts = [i.unique ? 'unique: true' : '', i.where ? `where: ${s(i.where)}` : ''].filter(Boolean);
    const args = [...(i.name ? [s(i.name)] : []), `[${i.props.map(s).join(', ')}]`, ...(opts.length > 0 ? [`{ ${opts.join(', ')} }`] : [])];
    lines.push(`@Index(${args.join(', ')})`);
  }
  for (const u of e.uniques) {
    const args = [...(u.name ? [s(u.name)] : []), `[${u.props.map(s).join(', ')}]`, ...(u.deferrable ? [`{ deferrable: ${s(u.deferrable)} }`] : [])];
    lines.push(`@Unique(${args.join(', ')})`);
  }
  for (const c of e.checks) lines.push(`@Check(${[...(c.name ? [s(c.name)] : []), s(c.expression)].join(', ')})`);
  for (const x of e.exclusions) lines.push(`@Exclusion(${[...(x.name ? [s(x.name)] : []), s(x.expression)].join(', ')})`);
  return lines;
}

const DECORATORS = [
  'Check', 'ChildEntity', 'Column', 'CreateDateColumn', 'DeleteDateColumn', 'Entity', 'Exclusion', 'Index', 'JoinColumn', 'JoinTable',
  'ManyToMany', 'ManyToOne', 'OneToOne', 'PrimaryColumn', 'PrimaryGeneratedColumn', 'TableInheritance', 'Tree', 'TreeChildren',
  'TreeParent', 'Unique', 'UpdateDateColumn', 'VersionColumn',
];

function entityFile(set: EntitySet, e: EntitySpec): string {
  const body: string[] = [];
  for (const x of e.embedded) body.push(...embeddedClass(x));
  body.push(...classDecorators(e), `export class ${e.className} {`, ...primary(e));
  for (const c of e.columns) body.push(...column(c));
  for (const x of e.embedded) body.push(...embeddedProp(x));
  for (const rel of e.relations) body.push(...relation(rel, e.className));
  body.push(...backReferences(set, e));
  if (e.tree) {
    body.push('  @TreeChildren()', `  children: ${e.className}[];`, '', '  @TreeParent()', `  parent: ${e.className} | null;`, '');
  }
  body.push('}', '');
  for (const child of e.sti?.children ?? []) {
    body.push(`@ChildEntity(${s(child.value)})`, `export class ${child.className} extends ${e.className} {`, ...child.columns.flatMap(column), '}', '');
  }
  const text = body.join('\n');
  const used = DECORATORS.filter((d) => new RegExp(`@${d}\\(`).test(text));
  const targets = new Set<string>();
  for (const rel of e.relations) if (rel.target !== e.className) targets.add(rel.target);
  for (const owner of set.entities) {
    if (owner !== e && owner.relations.some((rel) => rel.bothSides && rel.kind === 'many-to-many' && rel.target === e.className)) targets.add(owner.className);
  }
  const imports = [`import { ${used.join(', ')} } from 'typeorm';`, ...[...targets].sort().map((t) => `import { ${t} } from './${fileOf(t)}';`)];
  return `${imports.join('\n')}\n\n${text}`;
}

/** Relative path → content, for one step of a run. */
export function renderSet(set: EntitySet): Record<string, string> {
  const files: Record<string, string> = {};
  const classes: { name: string; file: string }[] = [];
  for (const e of set.entities) {
    files[`entities/${fileOf(e.className)}.ts`] = entityFile(set, e);
    classes.push({ name: e.className, file: fileOf(e.className) });
    for (const child of e.sti?.children ?? []) classes.push({ name: child.className, file: fileOf(e.className) });
  }
  files['data-source.ts'] = [
    "import { DataSource } from 'typeorm';",
    ...classes.map((c) => `import { ${c.name} } from './entities/${c.file}';`),
    '',
    'export default new DataSource({',
    "  type: 'postgres',",
    `  entities: [${classes.map((c) => c.name).join(', ')}],`,
    '  migrations: [`${__dirname}/../migrations/*.ts`],',
    '});',
    '',
  ].join('\n');
  // The generator's schemas are the project's: a table left in one after its entity moved or
  // went away is compared (and dropped), not silently left (finding A).
  // --schema-per-tenant: the same invariant with migrations that leave public unqualified.
  const perTenant = process.env.FUZZ_SCHEMA_PER_TENANT === '1' ? { schemaPerTenant: true } : {};
  files['package.json'] = `${JSON.stringify({ name: 'fuzz-step', private: true, 'db-manage': { schemas: SCHEMAS, ...perTenant } }, null, 2)}\n`;
  return files;
}
