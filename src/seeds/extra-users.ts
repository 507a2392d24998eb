import { defineSeed } from 'db-manage';
import { User, UserRole } from '../entities';
import { realisticUser } from './realistic-user';
import { SAMPLE_PASSWORD } from './sample-users';

const CHUNK = 500;

/** `seed --users N`: N more realistic users for volume testing, each with its own bcrypt hash. */
export default defineSeed({
  name: 'extra-users',
  async run(ctx) {
    const n = ctx.extraUsers;
    if (n <= 0) return { created: 0, existing: 0, unit: 'users', skipped: 'pass --users N to add N users' };
    const people = Array.from({ length: n }, () => realisticUser());
    let reported = 0;
    // One hash per user (each its own salt), as real accounts have; they share the sample password.
    const hashes = await ctx.hashPasswords(people.map(() => SAMPLE_PASSWORD));
    let created = 0;
    for (let i = 0; i < n; i += CHUNK) {
      const chunk = people.slice(i, i + CHUNK).map((p, j) => ({ ...p, role: UserRole.Member, passwordHash: hashes[i + j] }));
      const result = await ctx.manager.createQueryBuilder().insert().into(User).values(chunk).orIgnore().returning(['id']).execute();
      created += (result.raw as unknown[]).length;
      if (Math.floor(((i + chunk.length) / n) * 10) > reported) {
        reported = Math.floor(((i + chunk.length) / n) * 10);
        ctx.progress(`inserted ${i + chunk.length}/${n}`);
      }
    }
    return { created, existing: 0, unit: 'users' };
  },
});
