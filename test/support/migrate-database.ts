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
  const script = `
    const { PLATFORM_MIGRATIONS, runMigrations } = require('./dist/libs/db/run-migrations.js');
    runMigrations(process.argv[1], [PLATFORM_MIGRATIONS,
      { dir: process.argv[2], table: 'service_migrations' }])
      .catch((error) => { console.error(error.message); process.exit(1); });`;
  await run(process.execPath, ['-e', script, databaseUrl,
    path.join(REPO_ROOT, 'services', service, 'migrations')], { cwd: REPO_ROOT });
}
