import { type EntitySpec } from './synthetic-model';

function importsFor(spec: EntitySpec): string {
  const decorators = new Set<string>(['Entity', 'PrimaryGeneratedColumn']);
  for (const c of spec.columns) decorators.add(c.decorator);
  if (spec.relations.length > 0) decorators.add('ManyToOne');
  if (spec.indexes.length > 0) decorators.add('Index');
  if (spec.uniques.length > 0) decorators.add('Unique');
  const typeorm = `import { ${[...decorators].sort().join(', ')}${spec.relations.length > 0 ? ', type Relation' : ''} } from 'typeorm';`;
  const targets = [...new Set(spec.relations.map((r) => r.target))].sort((a, b) => a - b);
  const related = targets.map((t) => {
    const name = `Entity${String(t).padStart(3, '0')}`;
    return `import { ${name} } from './entity-${String(t).padStart(3, '0')}';`;
  });
  return [typeorm, ...related].join('\n');
}

function list(props: readonly string[]): string {
  return `[${props.map((p) => `'${p}'`).join(', ')}]`;
}

/** One entity file, written the way a person would write it. */
export function renderEntity(spec: EntitySpec): string {
  const enums = spec.enums.map(
    (e) =>
      `export enum ${e.name} {\n${e.values.map((v) => `  ${v[0].toUpperCase()}${v.slice(1)} = '${v}',`).join('\n')}\n}\n`,
  );
  const entityOptions = spec.schema ? `{ name: '${spec.table}', schema: '${spec.schema}' }` : `'${spec.table}'`;
  const classDecorators = [
    `@Entity(${entityOptions})`,
    ...spec.indexes.map((props) => `@Index(${list(props)})`),
    ...spec.uniques.map((props) => `@Unique(${list(props)})`),
  ];
  const key = spec.uuidKey ? `  @PrimaryGeneratedColumn('uuid')\n  id: string;` : `  @PrimaryGeneratedColumn()\n  id: number;`;
  const columns = spec.columns.map((c) => `  @${c.decorator}(${c.options})\n  ${c.property}: ${c.tsType};`);
  const relations = spec.relations.map((r) => {
    const target = `Entity${String(r.target).padStart(3, '0')}`;
    return `  @ManyToOne(() => ${target}, { nullable: ${r.nullable}, onDelete: '${r.onDelete}' })\n  ${r.property}: Relation<${target}>${r.nullable ? ' | null' : ''};`;
  });
  return `${importsFor(spec)}

${enums.join('\n')}${enums.length ? '\n' : ''}${classDecorators.join('\n')}
export class ${spec.className} {
${[key, ...columns, ...relations].join('\n\n')}
}
`;
}

/**
 * The data source. TypeORM's CLI gets BENCH_DATABASE_URL. db-manage connects where the data
 * source says, so the benchmarks run it without BENCH_DATABASE_URL: the URL is then DATABASE_URL
 * (external server), or none and db-manage uses its embedded server. The globs match the TypeScript sources
 * and, after `tsc`, the compiled JavaScript in dist/. pgcrypto makes uuid keys default to the
 * built-in gen_random_uuid() (PostgreSQL 13+), as in this repository's own ormconfig.ts.
 */
export const DATA_SOURCE = `import 'reflect-metadata';
import { DataSource } from 'typeorm';

export default new DataSource({
  type: 'postgres',
  url: process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL,
  uuidExtension: 'pgcrypto',
  entities: [\`\${__dirname}/entities/*.{ts,js}\`],
  migrations: [\`\${__dirname}/migrations/*.{ts,js}\`],
});
`;

export const TSCONFIG = `${JSON.stringify(
  {
    compilerOptions: {
      target: 'ES2022',
      module: 'commonjs',
      moduleResolution: 'node',
      lib: ['ES2023'],
      types: ['node'],
      strict: true,
      strictPropertyInitialization: false,
      esModuleInterop: true,
      skipLibCheck: true,
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
      useDefineForClassFields: false,
      outDir: 'dist',
      rootDir: '.',
    },
    include: ['data-source.ts', 'entities/*.ts', 'migrations/*.ts'],
  },
  null,
  2,
)}
`;

export const PACKAGE_JSON = `${JSON.stringify({ name: 'synthetic-project', private: true, type: 'commonjs' }, null, 2)}\n`;
