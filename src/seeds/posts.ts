import { In } from 'typeorm';
import { defineSeed } from 'db-manage';
import { Post, User } from '../entities';

const SAMPLE_POSTS = [
  {
    slug: 'welcome-to-the-blog',
    title: 'Welcome to the blog',
    author: 'admin',
    published: true,
    tags: ['announcements'],
    content: 'This is the first post. Everything here is sample data from db-manage seed.',
  },
  {
    slug: 'getting-started-with-typeorm',
    title: 'Getting started with TypeORM',
    author: 'john_doe',
    published: true,
    tags: ['typeorm', 'postgres', 'tutorial'],
    content: 'Entities are the single source of truth; migrations are generated from them.',
  },
  {
    slug: 'postgres-snapshots-in-development',
    title: 'PostgreSQL snapshots in development',
    author: 'jane_smith',
    published: true,
    tags: ['postgres', 'workflow'],
    content: 'CREATE DATABASE ... TEMPLATE copies a whole database in milliseconds.',
  },
  {
    slug: 'draft-ideas',
    title: 'Draft: ideas for next week',
    author: 'jane_smith',
    published: false,
    tags: [],
    content: 'Unpublished notes.',
  },
  {
    slug: 'testing-with-fresh-databases',
    title: 'Testing with fresh databases',
    author: 'test_user',
    published: true,
    tags: ['testing', 'postgres'],
    content: 'Every test file gets its own database, cloned from a migrated template.',
  },
] as const;

/** A few posts by the sample users, keyed by slug. */
export default defineSeed({
  name: 'posts',
  async run(ctx) {
    const existing = await ctx.manager.getRepository(Post).find({ where: { slug: In(SAMPLE_POSTS.map((p) => p.slug)) }, select: { slug: true } });
    const have = new Set(existing.map((p) => p.slug));
    const missing = SAMPLE_POSTS.filter((p) => !have.has(p.slug));
    const authors = await ctx.manager.getRepository(User).find({ where: { username: In(missing.map((p) => p.author)) } });
    const byName = new Map(authors.map((u) => [u.username, u]));
    // A post whose author is gone (deleted by hand) is skipped, not an error.
    const rows = missing.filter((p) => byName.has(p.author));
    if (rows.length > 0) {
      await ctx.manager
        .createQueryBuilder()
        .insert()
        .into(Post)
        .values(rows.map((p) => ({ slug: p.slug, title: p.title, content: p.content, published: p.published, tags: [...p.tags], author: byName.get(p.author) })))
        .orIgnore()
        .execute();
    }
    return { created: rows.length, existing: have.size, unit: 'posts' };
  },
});
