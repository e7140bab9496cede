/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run on any schema */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Kysely, type Migration, type MigrationProvider, type MigrationResultSet, Migrator } from 'kysely';

// migrations/ sits at the project root; compiled, it sits at dist/migrations. From this file
// (src/platform/db or dist/src/platform/db) it is three folders up either way.
export const migrationsFolder = fileURLToPath(new URL('../../../migrations/', import.meta.url));

class FolderMigrationProvider implements MigrationProvider {
  constructor(private readonly folder: string) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const migrations: Record<string, Migration> = {};
    const files = (await fs.readdir(this.folder)).filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts')).sort();
    for (const file of files) {
      const module = (await import(pathToFileURL(path.join(this.folder, file)).href)) as Migration;
      migrations[file.replace(/\.(ts|js)$/, '')] = module;
    }
    return migrations;
  }
}

function migrator(db: Kysely<any>, folder = migrationsFolder): Migrator {
  // Kysely runs the whole batch in one transaction on PostgreSQL (transactional DDL), so a
  // failed migration leaves the database exactly as it was.
  return new Migrator({ db, provider: new FolderMigrationProvider(folder), migrationTableName: 'mutua_migration', migrationLockTableName: 'mutua_migration_lock' });
}

export class MigrationFailedError extends Error {
  constructor(readonly migration: string | undefined, cause: unknown) {
    super(`migration ${migration ?? '(unknown)'} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

function check({ error, results }: MigrationResultSet): string[] {
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new MigrationFailedError(failed?.migrationName, error);
  }
  return (results ?? []).map((r) => r.migrationName);
}

/** Applies every pending migration in order; returns the names applied. */
export async function migrateToLatest(db: Kysely<any>, folder?: string): Promise<string[]> {
  return check(await migrator(db, folder).migrateToLatest());
}

/** Reverts the last applied migration; returns its name (or nothing when none is applied). */
export async function migrateDown(db: Kysely<any>, folder?: string): Promise<string[]> {
  return check(await migrator(db, folder).migrateDown());
}

export async function migrationStatus(db: Kysely<any>, folder?: string): Promise<{ name: string; executedAt: Date | undefined }[]> {
  const list = await migrator(db, folder).getMigrations();
  return list.map((m) => ({ name: m.name, executedAt: m.executedAt }));
}
