import { databaseUrl, readPlatformEndpoints } from '../../libs/config/platform-endpoints';
import { PLATFORM_MIGRATIONS, runMigrations } from '../../libs/db/run-migrations';
import { PLATFORM_SERVICES } from './platform-services';

/** Runs the shared migrations, then each service's own, in every service database. */
export async function migrateAll(): Promise<void> {
  const endpoints = readPlatformEndpoints();
  for (const service of PLATFORM_SERVICES) {
    await runMigrations(databaseUrl(endpoints, service.database), [
      PLATFORM_MIGRATIONS,
      { dir: service.migrationsDir, table: 'service_migrations' },
    ]);
    console.log(`[stack] migrations applied to database ${service.database}`);
  }
}

if (require.main === module) {
  migrateAll().catch((error) => {
    console.error(`[stack] error: migrations failed: ${error.message}`);
    process.exit(1);
  });
}
