/**
 * URLs handed out by `databaseUrl()`. A data source whose `url` is one of them defers to
 * db-manage's own rules (DATABASE_URL, then the embedded server), as the demo's and the
 * scaffolded `ormconfig.ts` do; any other connection it names is the user's decision.
 */
const deferredUrls = new Set<string>();

export function markDeferredUrl(url: string): string {
  deferredUrls.add(url);
  return url;
}

export function isDeferredUrl(url: string): boolean {
  return deferredUrls.has(url);
}
