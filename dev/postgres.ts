import { execFile, execFileSync, type ExecFileOptions } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import pg from 'pg';
import { freePort } from './temporal';

/**
 * A throwaway PostgreSQL server for tests and the local stack: initdb in a temp dir, trust auth,
 * a free localhost port, no durability (fsync off: the data dies with the process anyway).
 * With DATABASE_URL_TEST set, that server is used instead and nothing is started.
 */

export interface PostgresServer {
  url: string;
  stop(): Promise<void>;
}

const PACKAGE = 'postgresql';
const SUPERUSER = 'postgres';

export async function startPostgres(): Promise<PostgresServer> {
  const existing = process.env.DATABASE_URL_TEST;
  if (existing) return { url: existing, stop: async () => {} };

  const bin = findPostgresBin() ?? installPostgres();
  const runAs = process.getuid?.() === 0 ? postgresSystemUser() : undefined;
  const dir = mkdtempSync(join(tmpdir(), 'sia-pg-'));
  const data = join(dir, 'data');
  if (runAs) chownSync(dir, runAs.uid, runAs.gid);
  const run = (tool: string, args: string[]) => runTool(runAs ? 'runuser' : join(bin, tool), runAs ? ['-u', runAs.name, '--', join(bin, tool), ...args] : args, { cwd: dir });

  try {
    await run('initdb', ['-D', data, '-U', SUPERUSER, '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    const port = await freePort();
    const serverOptions = [
      `-p ${port}`,
      `-k ${dir}`,
      '-c listen_addresses=127.0.0.1',
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      '-c max_connections=200',
    ].join(' ');
    await run('pg_ctl', ['-D', data, '-o', serverOptions, '-l', join(dir, 'server.log'), '-w', '-t', '30', 'start']);
    return {
      url: `postgres://${SUPERUSER}@127.0.0.1:${port}/postgres`,
      stop: async () => {
        await run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    const log = join(dir, 'server.log');
    const detail = existsSync(log) ? `\n${readFileSync(log, 'utf8').slice(-2000)}` : '';
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`Could not start a PostgreSQL test server: ${(error as Error).message}${detail}`, { cause: error });
  }
}

/** A fresh database on the server at baseUrl, for one test file; drop() removes it. */
export async function createTestDatabase(baseUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `store_test_${randomBytes(6).toString('hex')}`;
  await withClient(baseUrl, (client) => client.query(`create database ${name}`));
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => withClient(baseUrl, (client) => client.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  };
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The directory holding initdb and pg_ctl: Debian's /usr/lib/postgresql/<version>/bin (newest), else PATH. */
export function findPostgresBin(): string | undefined {
  const debianRoot = '/usr/lib/postgresql';
  if (existsSync(debianRoot)) {
    const versions = readdirSync(debianRoot)
      .filter((v) => /^\d+(\.\d+)?$/.test(v) && hasServerTools(join(debianRoot, v, 'bin')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(debianRoot, versions[0], 'bin');
  }
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const initdb = join(dir, 'initdb');
    if (existsSync(initdb)) {
      const real = dirname(realpathSync(initdb));
      if (hasServerTools(real)) return real;
    }
  }
  return undefined;
}

function hasServerTools(dir: string): boolean {
  return ['initdb', 'pg_ctl', 'postgres'].every((tool) => existsSync(join(dir, tool)));
}

function installPostgres(): string {
  const canInstall = process.getuid?.() === 0 && commandExists('apt-get');
  if (!canInstall) {
    throw new Error(`PostgreSQL server binaries (initdb, pg_ctl) not found. Install Debian's "${PACKAGE}" package (apt-get install ${PACKAGE}), or set DATABASE_URL_TEST to a server to use.`);
  }
  process.stderr.write(`PostgreSQL not found: installing Debian's "${PACKAGE}" package with apt-get…\n`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update'], { stdio: ['ignore', 'ignore', 'inherit'], env });
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', PACKAGE], { stdio: ['ignore', 'ignore', 'inherit'], env });
  const bin = findPostgresBin();
  if (!bin) throw new Error(`Installed "${PACKAGE}" but still cannot find initdb and pg_ctl.`);
  return bin;
}

/** initdb refuses to run as root: the server runs as the postgres system user that the package creates. */
function postgresSystemUser(): { name: string; uid: number; gid: number } {
  const name = SUPERUSER;
  try {
    const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
    if (!commandExists('runuser')) throw new Error('runuser (util-linux) is missing');
    return { name, uid, gid };
  } catch (error) {
    throw new Error(`Running as root, PostgreSQL must run as the "${name}" system user, which is missing or unusable (${(error as Error).message}). Install Debian's "${PACKAGE}" package, which creates it.`);
  }
}

function commandExists(command: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, command)));
}

function runTool(file: string, args: string[], options: ExecFileOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { ...options, encoding: 'utf8' }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`${[file, ...args].join(' ')} failed: ${stderr.trim() || error.message}`));
      else resolve();
    });
  });
}
