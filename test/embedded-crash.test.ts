import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, promises as fs, readdirSync, readlinkSync, realpathSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbedded, type EmbeddedServer } from '../src/platform/db/embedded.js';

// The embedded server must come back with every committed row after the Node process dies
// (DESIGN.md §4). These tests start their own servers in temporary folders, whatever server the
// rest of the suite runs on.

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const writerScript = fileURLToPath(new URL('./fixtures/crash-writer.ts', import.meta.url));

let dir: string;
const servers: EmbeddedServer[] = [];
const children: ChildProcess[] = [];

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function until(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function postmasterPid(dataDir: string): Promise<number> {
  return Number((await fs.readFile(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0]);
}

/** Processes working in the folder: every PostgreSQL process runs in its data folder. */
function processesIn(folder: string): number[] {
  const real = realpathSync(folder);
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readlinkSync(`/proc/${pid}/cwd`) === real;
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** Starts the crash writer; `last` is the highest number it has reported committed, `count` how many it has. */
function startWriter(dataDir: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', writerScript, dataDir], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const state = { child, last: 0, count: 0, exited: false, stderr: '' };
  let buffered = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const line of lines) {
      state.last = Number(line);
      state.count += 1;
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (state.stderr += chunk));
  const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
  child.on('exit', () => (state.exited = true));
  return {
    state,
    closed,
    async committed(n: number) {
      await until(() => state.count >= n || state.exited, `the writer to commit ${n} rows`, 60_000);
      if (state.count < n) throw new Error(`the writer stopped after ${state.count} rows: ${state.stderr}`);
    },
  };
}

async function committedUpTo(url: string, last: number): Promise<{ reported: number; total: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ reported: number; total: number }>('select count(*) filter (where n <= $1)::int as reported, count(*)::int as total from written', [last]);
    return rows[0]!;
  } finally {
    await client.end();
  }
}

async function start(dataDir: string, log?: (m: string) => void): Promise<EmbeddedServer> {
  const server = await startEmbedded(dataDir, { log });
  servers.push(server);
  return server;
}

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mutua-crash-'));
  // As root, PostgreSQL runs as the postgres OS user, which must be able to reach the folders.
  await fs.chmod(dir, 0o755);
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const server of servers) await server.stop().catch(() => undefined);
  // A server whose Node process a failed test killed would still run: stop the ones in our folders.
  for (const entry of await fs.readdir(dir)) {
    const pidFile = path.join(dir, entry, 'pg', 'postmaster.pid');
    if (!existsSync(pidFile)) continue;
    const pid = await postmasterPid(path.join(dir, entry));
    if (pid > 0 && processesIn(path.join(dir, entry, 'pg')).includes(pid)) {
      process.kill(pid, 'SIGQUIT');
      await until(() => !alive(pid), 'a left-over server to stop').catch(() => undefined);
    }
  }
  await fs.rm(dir, { recursive: true, force: true });
});

describe('the embedded server after a crash', () => {
  // Both crash tests write to the same folder (one initdb); numbers go on from the last row.
  const writerDir = () => path.join(dir, 'writer');

  it('a Node process killed mid-work leaves its server running; the next start stops it and finds every committed row', async () => {
    const dataDir = writerDir();
    const writer = startWriter(dataDir);
    await writer.committed(200);

    // While the writer lives, its server is in use: another start refuses and leaves it alone.
    await expect(startEmbedded(dataDir)).rejects.toThrow(/in use by another running Mutua/);
    await writer.committed(writer.state.count + 20);

    writer.state.child.kill('SIGKILL');
    await writer.closed;
    const orphan = await postmasterPid(dataDir);
    expect(alive(orphan), 'the orphaned server keeps running').toBe(true);

    const log: string[] = [];
    const server = await start(dataDir, (m) => log.push(m));
    expect(log.join('\n')).toMatch(/stopping PostgreSQL server left running by a previous Mutua process/);
    expect(alive(orphan)).toBe(false);
    const rows = await committedUpTo(server.url, writer.state.last);
    expect(rows.reported).toBe(writer.state.last);
    expect(rows.total).toBeGreaterThanOrEqual(writer.state.last);
    await server.stop();
  });

  it('a power cut (Node and PostgreSQL killed at once) loses no committed row', async () => {
    const dataDir = writerDir();
    const writer = startWriter(dataDir);
    await writer.committed(200);
    const postmaster = await postmasterPid(dataDir);
    writer.state.child.kill('SIGKILL');
    process.kill(postmaster, 'SIGKILL');
    await writer.closed;
    // Its backends leave as soon as they see the postmaster gone; PostgreSQL refuses to start
    // while one is still attached to the old shared memory, as it should.
    await until(() => processesIn(path.join(dataDir, 'pg')).length === 0, 'the old server processes to exit');

    const server = await start(dataDir);
    const rows = await committedUpTo(server.url, writer.state.last);
    expect(rows.reported).toBe(writer.state.last);
    await server.stop();
  });

  describe('files left behind', () => {
    const dataDir = () => path.join(dir, 'leftovers');
    let pidFileOfRunningServer: string;

    beforeAll(async () => {
      const server = await start(dataDir());
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      await client.query('create table kept (note text)');
      await client.query("insert into kept values ('still here')");
      await client.end();
      pidFileOfRunningServer = await fs.readFile(path.join(dataDir(), 'pg', 'postmaster.pid'), 'utf8');
      await server.stop();
    });

    async function kept(server: EmbeddedServer): Promise<string[]> {
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      try {
        return (await client.query<{ note: string }>('select note from kept')).rows.map((r) => r.note);
      } finally {
        await client.end();
      }
    }

    async function writePidFile(pid: number | '') {
      const lines = pidFileOfRunningServer.split('\n');
      lines[0] = String(pid);
      await fs.writeFile(path.join(dataDir(), 'pg', 'postmaster.pid'), lines.join('\n'));
    }

    it('a pid file naming a process that is gone, or left empty, does not prevent a start', async () => {
      const gone = spawn(process.execPath, ['-e', '']);
      await new Promise((r) => gone.on('exit', r));
      for (const pid of [gone.pid!, ''] as const) {
        await writePidFile(pid);
        const server = await start(dataDir());
        expect(await kept(server)).toEqual(['still here']);
        await server.stop();
      }
    });

    it('a pid file naming a live program that is not this folder\'s server is stale: the program is left alone', async () => {
      // Its command line names postgres and the folder, as a reused pid might.
      const other = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', 'postgres', '-D', path.join(dataDir(), 'pg')]);
      children.push(other);
      try {
        await writePidFile(other.pid!);
        const server = await start(dataDir());
        expect(await kept(server)).toEqual(['still here']);
        await server.stop();
        expect(alive(other.pid!)).toBe(true);
      } finally {
        other.kill('SIGKILL');
      }
    });

    it('a data folder whose credentials file is lost is kept, not wiped', async () => {
      const credentials = path.join(dataDir(), 'embedded-postgres.json');
      await fs.rename(credentials, `${credentials}.away`);
      await expect(startEmbedded(dataDir())).rejects.toThrow(/credentials/);
      expect(existsSync(path.join(dataDir(), 'pg', 'PG_VERSION'))).toBe(true);
      await fs.rename(`${credentials}.away`, credentials);
      const server = await start(dataDir());
      expect(await kept(server)).toEqual(['still here']);
      await server.stop();
    });

    it('stopping a server that has died does not hang', async () => {
      const server = await start(dataDir());
      const pid = await postmasterPid(dataDir());
      process.kill(pid, 'SIGKILL');
      await until(() => !alive(pid), 'the server to die');
      await server.stop();
    }, 15_000);
  });

  it('a folder left half-made by an interrupted first start is made again', async () => {
    const dataDir = path.join(dir, 'half-made');
    // What an initdb killed midway leaves: some files, and credentials not yet marked initialised.
    await fs.mkdir(path.join(dataDir, 'pg', 'base'), { recursive: true });
    await fs.writeFile(path.join(dataDir, 'pg', 'PG_VERSION'), '17\n');
    await fs.writeFile(path.join(dataDir, 'embedded-postgres.json'), JSON.stringify({ user: 'mutua', password: 'unused-secret', initialised: false }));
    const server = await start(dataDir);
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    expect((await client.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
    await client.end();
    await server.stop();
  });
});
