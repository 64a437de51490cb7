import path from 'node:path';
import { runner } from 'node-pg-migrate';

export interface MigrationSet {
  /** Folder of numbered `.sql` files. */
  dir: string;
  /** Each set keeps its own history, so shared and service migrations number independently. */
  table: string;
}

/** The platform's shared tables in every service database: outbox and inbox. */
export const PLATFORM_MIGRATIONS: MigrationSet = {
  dir: path.resolve(__dirname, '..', '..', ...(isCompiled() ? ['..'] : []),
    'libs', 'db', 'migrations'),
  table: 'platform_migrations',
};

function isCompiled(): boolean {
  return __dirname.split(path.sep).includes('dist');
}

export async function runMigrations(databaseUrl: string, sets: MigrationSet[]): Promise<void> {
  for (const set of sets) {
    await runner({
      databaseUrl,
      dir: set.dir,
      migrationsTable: set.table,
      direction: 'up',
      count: Infinity,
      checkOrder: true,
      singleTransaction: true,
      log: () => undefined,
    });
  }
}
