import { defineSeed } from 'db-manage';
import { PageView, User } from '../entities';

const PATHS = ['/', '/posts/welcome-to-the-blog', '/posts/getting-started-with-typeorm', '/posts/postgres-snapshots-in-development', '/about'];
const AGENTS = [
  'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
];
const VIEWS = 12;

/** Page views in the analytics schema; each carries a `seed` key in its metadata, which makes re-runs idempotent. */
export default defineSeed({
  name: 'page-views',
  async run(ctx) {
    const keys = Array.from({ length: VIEWS }, (_, i) => `sample-${i + 1}`);
    const rows = (await ctx.manager
      .createQueryBuilder(PageView, 'pv')
      .select(`pv.metadata->>'seed'`, 'seed')
      .where(`pv.metadata->>'seed' IN (:...keys)`, { keys })
      .getRawMany()) as { seed: string }[];
    const have = new Set(rows.map((r) => r.seed));
    const users = await ctx.manager.getRepository(User).find({ order: { username: 'ASC' }, take: 4 });
    const missing = keys.filter((k) => !have.has(k));
    if (missing.length > 0) {
      await ctx.manager.getRepository(PageView).insert(
        missing.map((seed) => {
          const i = Number(seed.slice('sample-'.length));
          return {
            url: PATHS[i % PATHS.length],
            userAgent: AGENTS[i % AGENTS.length],
            // Every third view is anonymous, as on a real site.
            user: i % 3 === 0 || users.length === 0 ? null : users[i % users.length],
            metadata: i % 2 === 0 ? { seed, referrer: 'https://www.google.com/' } : { seed },
          };
        }),
      );
    }
    return { created: missing.length, existing: have.size, unit: 'page views' };
  },
});
