import type { SeedModule } from 'db-manage';
import extraUsers from './extra-users';
import pageViews from './page-views';
import posts from './posts';
import users from './users';

/**
 * The one registry of seed modules, run in this order by `db-manage seed`. To add one,
 * write a file exporting defineSeed({ name, run(ctx) }) and list it here.
 */
export const seeds: readonly SeedModule[] = [users, posts, pageViews, extraUsers];
