/** Options every API function accepts; each verb extends them with its own. */
export interface ApiOptions {
  /** The project folder; defaults to the current directory. */
  readonly cwd?: string;
  /** The data source file, relative to `cwd`; found when omitted (DB_MANAGE_DATASOURCE, package.json "db-manage.dataSource", ormconfig.ts, src/data-source.ts, …). */
  readonly datasource?: string;
  /** A connection URL for this call only; overrides the data source, DATABASE_URL and the embedded server. */
  readonly url?: string;
  /**
   * A tenant schema of the data source's database to act on as its default schema (schema per
   * tenant, package.json "db-manage": { "schemaPerTenant": true }): its own tables, history and lock.
   */
  readonly tenantSchema?: string;
  /** The environment to read DATABASE_URL and DB_MANAGE_* from; defaults to process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Called with progress events; the CLI turns them into spinners or lines. */
  readonly onProgress?: (event: ProgressEvent) => void;
}

export type ProgressEvent =
  | { readonly kind: 'server'; readonly action: 'started' | 'initialised' }
  | { readonly kind: 'step'; readonly phase: 'start' | 'done' | 'fail'; readonly label: string; readonly ms?: number }
  | { readonly kind: 'notice'; readonly message: string };
