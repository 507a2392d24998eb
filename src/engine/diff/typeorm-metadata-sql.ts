import type { GeneratedRecord } from '../model/schema-model';
import { qualify, quoteLiteral } from '../sql/quote';
import type { MetadataTableRef } from './operations';

/**
 * TypeORM's typeorm_metadata table, as its schema builder creates it (createTypeormMetadataTable)
 * and as its migrations fill it: its own diff reads a stored generated column's expression from
 * here, so a project that moves between the two tools sees no drift. `database` is the current
 * database, which is what TypeORM's reader matches, so one migration serves every database.
 */
export function createMetadataTableSql(table: MetadataTableRef): string {
  return `CREATE TABLE IF NOT EXISTS ${qualify(table.schema, table.name)} ("type" character varying NOT NULL, "database" character varying, "schema" character varying, "table" character varying, "name" character varying, "value" text)`;
}

/** The row's schema: current_schema() for the implicit one, so each tenant's row names its own. */
const schemaValue = (schema: string, implicitSchema?: string) => (schema === implicitSchema ? 'current_schema()' : quoteLiteral(schema));

export function recordGeneratedSql(table: MetadataTableRef, r: GeneratedRecord, implicitSchema?: string): string[] {
  const values = [schemaValue(r.schema, implicitSchema), quoteLiteral(r.table), quoteLiteral('GENERATED_COLUMN'), quoteLiteral(r.column), quoteLiteral(r.value)];
  return [
    createMetadataTableSql(table),
    `INSERT INTO ${qualify(table.schema, table.name)}("database", "schema", "table", "type", "name", "value") VALUES (current_database(), ${values.join(', ')})`,
  ];
}

export function forgetGeneratedSql(table: MetadataTableRef, r: GeneratedRecord, implicitSchema?: string): string {
  return `DELETE FROM ${qualify(table.schema, table.name)} WHERE "type" = 'GENERATED_COLUMN' AND "name" = ${quoteLiteral(r.column)} AND "database" = current_database() AND "schema" = ${schemaValue(r.schema, implicitSchema)} AND "table" = ${quoteLiteral(r.table)}`;
}
