import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Parses dotenv syntax: `KEY=value`, optional `export`, quotes, and `#` comments. */
export function parseEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    let value = match[2];
    const quote = value[0];
    if ((quote === '"' || quote === "'") && value.lastIndexOf(quote) > 0) {
      value = value.slice(1, value.lastIndexOf(quote));
      if (quote === '"') value = value.replace(/\\n/g, '\n').replace(/\\"/g, '"');
    } else {
      value = value.replace(/\s+#.*$/, '').trim();
    }
    out[match[1]] = value;
  }
  return out;
}

/** The project's `.env`, or an empty object when there is none. */
export function readEnvFile(dir: string): Record<string, string> {
  try {
    return parseEnvFile(readFileSync(join(dir, '.env'), 'utf8'));
  } catch {
    return {};
  }
}
