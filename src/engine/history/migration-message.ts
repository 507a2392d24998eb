/**
 * A readable message for a migration from its class name, the one thing every TypeORM
 * migration has: `AddPhone1732200000000` → "Add phone".
 */
export function migrationMessage(name: string): string {
  const base = name.replace(/\d{13}$/, '');
  const words = base
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  if (words.length === 0) return name;
  return [words[0], ...words.slice(1).map((w) => (/^[A-Z0-9]+$/.test(w) && w.length > 1 ? w : w.toLowerCase()))].join(' ');
}
