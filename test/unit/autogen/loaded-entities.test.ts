import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DataSource, Entity, JoinTable, ManyToMany, PrimaryGeneratedColumn, Tree, TreeChildren, TreeParent } from 'typeorm';
import { loadedEntities } from '../../../src/engine/autogen/project-diff';

@Entity()
class Tag {
  @PrimaryGeneratedColumn()
  id!: number;
}

@Entity()
class Article {
  @PrimaryGeneratedColumn()
  id!: number;

  @ManyToMany(() => Tag)
  @JoinTable()
  tags!: Tag[];
}

@Entity()
@Tree('closure-table')
class Category {
  @PrimaryGeneratedColumn()
  id!: number;

  @TreeChildren()
  children!: Category[];

  @TreeParent()
  parent!: Category | null;
}

test('"Loaded N entities" counts entity classes, not the junction and closure tables TypeORM adds', async () => {
  const ds = new DataSource({ type: 'postgres', entities: [Article, Tag, Category] });
  // Metadata is built without a connection.
  await (ds as unknown as { buildMetadatas(): Promise<void> }).buildMetadatas();
  assert.ok(ds.entityMetadatas.length > 3, 'TypeORM made junction and closure metadata');
  assert.deepEqual(loadedEntities(ds), { count: 3, names: ['Article', 'Category', 'Tag'] });
});
