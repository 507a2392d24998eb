import { DbManageError } from '../errors/db-manage-error';
import { commandLine } from '../text/command-line';

/** "Add phone" → "AddPhone"; "add user's 2fa" → "AddUsers2fa". */
export function pascalCase(message: string): string {
  return message
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['’]/g, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}

export interface MigrationName {
  /** e.g. AddPhone1732200000000: TypeORM reads the timestamp off the end. */
  readonly className: string;
  /** e.g. 1732200000000-AddPhone.ts (.js in a JavaScript project) */
  readonly fileName: string;
  readonly timestamp: number;
}

/** The class and file names of a migration; an empty or symbol-only message is a usage error. */
export function migrationName(message: string, timestamp: number, extension = '.ts'): MigrationName {
  const base = pascalCase(message);
  if (base === '') {
    throw new DbManageError('usage', message.trim() === '' ? 'the migration message is empty' : `the migration message "${message}" has no letters or digits`, {
      hint: `Describe the change, e.g. ${commandLine('migrate', '"Add phone to users"')}`,
    });
  }
  // A class name cannot start with a digit.
  const className = `${/^\d/.test(base) ? 'Migration' : ''}${base}${timestamp}`;
  return { className, fileName: `${timestamp}-${base}${extension}`, timestamp };
}
