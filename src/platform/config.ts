import path from 'node:path';

/**
 * Every setting Mutua reads from the environment, with its default. The README's configuration
 * table is generated from the same list, so keep descriptions short and true.
 */
export const settingDefinitions = {
  DATABASE_URL: { default: '', description: 'PostgreSQL 15+ connection string; empty = start the embedded server' },
  MUTUA_DATA_DIR: { default: './data', description: 'Folder of the embedded PostgreSQL server (in ./pg) and its files' },
  MUTUA_HOST: { default: '127.0.0.1', description: 'Address the HTTP server listens on' },
  MUTUA_PORT: { default: '8080', description: 'Port the HTTP server listens on' },
  MUTUA_PUBLIC_URL: { default: '', description: 'URL people use to reach Mutua (for links); default http://HOST:PORT' },
  MUTUA_LOG_LEVEL: { default: 'info', description: 'Log level: fatal, error, warn, info, debug, trace, silent' },
  MUTUA_DB_POOL_SIZE: { default: '10', description: 'Maximum connections in the database pool' },
  MUTUA_SESSION_HOURS: { default: '12', description: 'How long a web session lasts without activity' },
  MUTUA_SECURE_COOKIES: { default: 'false', description: 'Mark session cookies Secure (set true behind HTTPS)' },
  MUTUA_LOGIN_MAX_FAILURES: { default: '5', description: 'Failed sign-ins before an account is locked' },
  MUTUA_LOGIN_LOCK_MINUTES: { default: '15', description: 'How long a locked account stays locked' },
  MUTUA_TEST_DATABASE_URL: { default: '', description: 'Tests only: run the suite on this server instead of an embedded one' },
} as const;

export type SettingName = keyof typeof settingDefinitions;

export interface Config {
  databaseUrl: string | undefined;
  dataDir: string;
  host: string;
  port: number;
  publicUrl: string;
  logLevel: string;
  poolSize: number;
  sessionHours: number;
  secureCookies: boolean;
  loginMaxFailures: number;
  loginLockMinutes: number;
}

function read(env: NodeJS.ProcessEnv, name: SettingName): string {
  const value = env[name];
  return value === undefined || value === '' ? settingDefinitions[name].default : value;
}

function int(env: NodeJS.ProcessEnv, name: SettingName, min: number, max: number): number {
  const raw = read(env, name);
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name}: expected a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const host = overrides.host ?? read(env, 'MUTUA_HOST');
  const port = overrides.port ?? int(env, 'MUTUA_PORT', 0, 65535);
  const base: Config = {
    databaseUrl: read(env, 'DATABASE_URL') || undefined,
    dataDir: path.resolve(read(env, 'MUTUA_DATA_DIR')),
    host,
    port,
    publicUrl: read(env, 'MUTUA_PUBLIC_URL') || `http://${host}:${port}`,
    logLevel: read(env, 'MUTUA_LOG_LEVEL'),
    poolSize: int(env, 'MUTUA_DB_POOL_SIZE', 1, 1000),
    sessionHours: int(env, 'MUTUA_SESSION_HOURS', 1, 24 * 365),
    secureCookies: read(env, 'MUTUA_SECURE_COOKIES') === 'true',
    loginMaxFailures: int(env, 'MUTUA_LOGIN_MAX_FAILURES', 1, 1000),
    loginLockMinutes: int(env, 'MUTUA_LOGIN_LOCK_MINUTES', 1, 24 * 60),
  };
  return { ...base, ...overrides };
}
