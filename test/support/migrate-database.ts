import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from './service-process';

const run = promisify(execFile);

/**
 * Runs the shared and one service's migrations on a database a test made. It runs the
 * compiled code in a child process (make test builds first), because node-pg-migrate is an
 * ES module that jest's CommonJS runtime cannot load.
 */
export async function migrateServiceDatabase(databaseUrl: string, service: string) {
  await migrateDatabase(databaseUrl, [PLATFORM_MIGRATION_SET,
    { dir: path.join(REPO_ROOT, 'services', service, 'migrations'), table: 'service_migrations' }]);
}

/** The platform's shared migrations, as `PLATFORM_MIGRATIONS` in libs/db/run-migrations.ts. */
export const PLATFORM_MIGRATION_SET = {
  dir: path.join(REPO_ROOT, 'libs', 'db', 'migrations'), table: 'platform_migrations' };

/** Runs the given migration sets, in order, on a database a test made. */
export async function migrateDatabase(databaseUrl: string,
  sets: { dir: string; table: string }[]) {
  const script = `
    const { runMigrations } = require('./dist/libs/db/run-migrations.js');
    runMigrations(process.argv[1], JSON.parse(process.argv[2]))
      .catch((error) => { console.error(error.message); process.exit(1); });`;
  await run(process.execPath, ['-e', script, databaseUrl, JSON.stringify(sets)],
    { cwd: REPO_ROOT });
}
