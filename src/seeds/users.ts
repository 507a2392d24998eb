import { In } from 'typeorm';
import { defineSeed } from 'db-manage';
import { User } from '../entities';
import { SAMPLE_PASSWORD, SAMPLE_USERS } from './sample-users';

/** The four sample users; existing ones (matched by username or email) are left as they are. */
export default defineSeed({
  name: 'users',
  async run(ctx) {
    const repo = ctx.manager.getRepository(User);
    const found = await repo.find({
      where: [{ username: In(SAMPLE_USERS.map((u) => u.username)) }, { email: In(SAMPLE_USERS.map((u) => u.email)) }],
    });
    const taken = new Set(found.flatMap((u) => [u.username, u.email]));
    const missing = SAMPLE_USERS.filter((u) => !taken.has(u.username) && !taken.has(u.email));
    // Hash only for users we are about to create: a second run costs no bcrypt time.
    const hashes = await ctx.hashPasswords(missing.map(() => SAMPLE_PASSWORD));
    if (missing.length > 0) {
      await repo
        .createQueryBuilder()
        .insert()
        .values(missing.map((u, i) => ({ ...u, passwordHash: hashes[i], isActive: true })))
        .orIgnore()
        .execute();
    }
    for (const u of SAMPLE_USERS) ctx.credential({ username: u.username, email: u.email, password: SAMPLE_PASSWORD, role: u.role });
    return { created: missing.length, existing: SAMPLE_USERS.length - missing.length, unit: 'users' };
  },
});
