import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Column, DataSource, Entity, JoinColumn, JoinTable, ManyToMany, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, type DataSourceOptions, type Relation } from 'typeorm';
import { DbManageError } from '../../../src/engine/errors/db-manage-error';
import { entityModel } from '../../../src/engine/model/entity-model';
import { declarationDifference } from '../../../src/engine/model/merge-declarations';
import type { SchemaModel } from '../../../src/engine/model/schema-model';
import { column, table } from '../diff/models';

async function modelOf(entities: Function[]): Promise<SchemaModel> {
  const ds = new DataSource({ type: 'postgres', entities } as DataSourceOptions);
  await (ds as unknown as { buildMetadatas(): Promise<void> }).buildMetadatas();
  return entityModel(ds);
}

const refusal = (pattern: RegExp) => (e: unknown) => e instanceof DbManageError && e.code === 'config-invalid' && pattern.test(e.message) && !e.message.includes('\n');

test('column order and key column order do not matter; anything else does', () => {
  const a = table('public', 't', { columns: [column('x', 'integer'), column('y', 'text')], primaryKey: { name: 'PK', columns: ['x', 'y'] } });
  const b = table('public', 't', { columns: [column('y', 'text'), column('x', 'integer')], primaryKey: { name: 'PK', columns: ['y', 'x'] } });
  assert.equal(declarationDifference({ table: a, by: 'A', explicit: true }, { table: b, by: 'B', explicit: true }), null);
  const c = table('public', 't', { columns: [column('x', 'integer'), column('y', 'text', { nullable: true })] });
  assert.equal(declarationDifference({ table: a, by: 'A', explicit: true }, { table: c, by: 'C', explicit: true }), 'column "y" differs');
  const d = table('public', 't', { columns: [column('x', 'integer')], primaryKey: a.primaryKey });
  assert.equal(declarationDifference({ table: a, by: 'A', explicit: true }, { table: d, by: 'D', explicit: true }), 'column "y" only in A');
});

test('two unrelated entities on one table with the same columns make one table', async () => {
  @Entity('audit_trail')
  class AuditWriter {
    @PrimaryGeneratedColumn() id: number;
    @Column({ type: 'jsonb' }) payload: object;
    @Column({ type: 'timestamptz' }) at: Date;
  }
  @Entity('audit_trail')
  class AuditReader {
    @PrimaryGeneratedColumn() id: number;
    @Column({ type: 'timestamptz' }) at: Date;
    @Column({ type: 'jsonb' }) payload: object;
  }
  const m = await modelOf([AuditWriter, AuditReader]);
  assert.deepEqual(m.tables.map((t) => t.name), ['audit_trail']);
});

test('two unrelated entities on one table with different columns: refused, naming both classes', async () => {
  @Entity('inventory_counts')
  class StockCount {
    @PrimaryGeneratedColumn() id: number;
    @Column({ type: 'integer' }) quantity: number;
  }
  @Entity('inventory_counts')
  class StockLevel {
    @PrimaryGeneratedColumn() id: number;
    @Column({ type: 'integer' }) quantity: number;
    @Column({ type: 'integer', nullable: true }) reorderAt: number | null;
  }
  await assert.rejects(modelOf([StockCount, StockLevel]), refusal(/^table public\.inventory_counts is declared by StockCount and by StockLevel, which disagree: column "reorderAt" only in StockLevel$/));
});

test('an entity that is also a @JoinTable, with other foreign-key actions: refused, naming the entity and the relation', async () => {
  @Entity('courses')
  class Course {
    @PrimaryGeneratedColumn() id: number;
  }
  @Entity('students')
  class Student {
    @PrimaryGeneratedColumn() id: number;
    @ManyToMany(() => Course)
    @JoinTable({ name: 'enrolment', joinColumn: { name: 'student_id' }, inverseJoinColumn: { name: 'course_id' } })
    courses: Relation<Course>[];
  }
  @Entity('enrolment')
  class Enrolment {
    @PrimaryColumn() student_id: number;
    @PrimaryColumn() course_id: number;
    @ManyToOne(() => Student, { onDelete: 'RESTRICT' })
    @JoinColumn({ name: 'student_id' })
    student: Relation<Student>;
    @ManyToOne(() => Course, { onDelete: 'RESTRICT' })
    @JoinColumn({ name: 'course_id' })
    course: Relation<Course>;
  }
  await assert.rejects(modelOf([Course, Student, Enrolment]), refusal(/^table public\.enrolment is declared by Enrolment and by Student\.courses \(@JoinTable\), which disagree: /));
});

test('@JoinTable on both sides with the same name: one join table', async () => {
  @Entity('authors')
  class Author {
    @PrimaryGeneratedColumn('uuid') id: string;
    @ManyToMany(() => Paper, (p) => p.authors)
    @JoinTable({ name: 'authorship' })
    papers: Relation<Paper>[];
  }
  @Entity('papers')
  class Paper {
    @PrimaryGeneratedColumn('uuid') id: string;
    @ManyToMany(() => Author, (a) => a.papers)
    @JoinTable({ name: 'authorship' })
    authors: Relation<Author>[];
  }
  const m = await modelOf([Author, Paper]);
  assert.deepEqual(m.tables.map((t) => t.name), ['authors', 'authorship', 'papers']);
  assert.equal(m.tables.find((t) => t.name === 'authorship')!.foreignKeys.length, 2);
});
