import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'dotenv';

/**
 * Reads `.env` with dotenv's own parser, so db-manage sees exactly the values an
 * application that loads the same file with dotenv sees (`KEY: value`, comments after
 * quoted values, multi-line quotes, backticks). A second parser would disagree somewhere,
 * and a guard that disagrees with the application guards nothing.
 */
export function parseEnvFile(text: string): Record<string, string> {
  return { ...parse(text) };
}

/** The project's `.env`, or an empty object when there is none. */
export function readEnvFile(dir: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(join(dir, '.env'), 'utf8');
  } catch {
    return {};
  }
  return parseEnvFile(text);
}

/**
 * `.env` under the environment, as dotenv's `config()` populates `process.env`: a variable
 * the environment defines (even as '') is never replaced by the file.
 */
export function mergeEnv(file: Readonly<Record<string, string>>, env: Readonly<Record<string, string | undefined>>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = { ...file };
  for (const [key, value] of Object.entries(env)) if (value !== undefined) out[key] = value;
  return out;
}
