import { Option, type Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { loadConfig, type Config } from '../platform/config.js';
import { openDatabase, type OpenedDatabase } from '../platform/db/open.js';
import { DomainError } from '../platform/errors.js';
import { systemActor, type Actor } from '../platform/audit/audit.js';

export interface GlobalOptions {
  data?: string;
  json?: boolean;
}

/** Options every command takes. */
export function withCommonOptions(command: Command): Command {
  return command
    .addOption(new Option('--data <dir>', 'folder of the embedded database (ignored when DATABASE_URL is set)').env('MUTUA_DATA_DIR'))
    .option('--json', 'print JSON');
}

export function configFrom(options: GlobalOptions, overrides: Partial<Config> = {}): Config {
  const env = { ...process.env, ...(options.data ? { MUTUA_DATA_DIR: options.data } : {}) };
  return loadConfig(env, overrides);
}

/** Opens (and migrates) the database for one command, closing it and any embedded server after. */
export async function withDatabase<T>(options: GlobalOptions, run: (db: OpenedDatabase, config: Config) => Promise<T>, open: { migrate?: boolean } = {}): Promise<T> {
  const config = configFrom(options);
  const db = await openDatabase(config, { migrate: open.migrate, log: (m) => (options.json ? undefined : process.stderr.write(`${m}\n`)) });
  try {
    return await run(db, config);
  } finally {
    await db.close();
  }
}

export const cliActor = (): Actor => systemActor(`cli:${process.env.USER ?? 'unknown'}`);

/** Prints a result: JSON with --json, else the text. */
export function output(options: GlobalOptions, value: unknown, text: () => string): void {
  process.stdout.write(options.json ? `${JSON.stringify(value, null, 2)}\n` : `${text()}\n`);
}

export interface Progress {
  start(total: number, label: string): void;
  update(done: number): void;
  stop(): void;
}

/**
 * A progress bar on stderr for work longer than a second; silent when stderr is not a terminal
 * or with --json (so output stays machine-readable).
 */
export function progress(options: GlobalOptions): Progress {
  if (options.json || !process.stderr.isTTY) return { start() {}, update() {}, stop() {} };
  let bar: SingleBar | undefined;
  let startedAt = 0;
  let total = 0;
  let label = '';
  return {
    start(t, l) {
      total = t;
      label = l;
      startedAt = Date.now();
    },
    update(done) {
      if (!bar && Date.now() - startedAt > 1000) {
        bar = new SingleBar({ format: `${label} [{bar}] {percentage}% {value}/{total} eta {eta_formatted}`, stream: process.stderr }, Presets.shades_classic);
        bar.start(total, done);
      }
      bar?.update(done);
    },
    stop() {
      bar?.stop();
    },
  };
}

/** Runs a command action, turning errors into a message and a non-zero exit. */
export function action<A extends unknown[]>(run: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await run(...args);
    } catch (error) {
      const opts = args.find((a): a is GlobalOptions => typeof a === 'object' && a !== null && !Array.isArray(a) && 'json' in (a as object)) as GlobalOptions | undefined;
      if (error instanceof DomainError) {
        const body = { error: { code: error.code, message: error.message, details: error.details } };
        if (opts?.json) process.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
        else process.stderr.write(`error: ${error.message}${error.details.map((d) => `\n${d.field}: ${d.message}`).join('')}\n`);
      } else {
        process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
      }
      process.exitCode = 1;
    }
  };
}
