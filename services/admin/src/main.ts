import { Pool } from 'pg';
import { createPool } from '../../../libs/db/pool';
import { createLogger } from '../../../libs/logging/logger';
import { runService, ServiceRuntime } from '../../../libs/service/run-service';
import { ConnectClient } from './clients/connect-client';
import { OpsClient } from './clients/ops-client';
import { AdminConfig, readAdminConfig } from './config';
import { AdminDeps } from './http/admin-route';
import { registerAdminRoutes } from './http/admin-routes';
import { serveConsole } from './http/console-files';
import { MessageTimestamps } from './kafka/message-timestamps';
import { exportPlatformGauges } from './metrics/export-platform-gauges';
import { PlatformObservations } from './metrics/platform-observations';

/**
 * The operations API: reads Kafka, Connect and Postgres' replication views directly, acts on
 * dead letters, parked keys and the projection through each service's /ops endpoints, and
 * exports the lag, slot and connector metrics no service can report about itself. Serves the
 * operator console's static files under /console/; the page calls this API with its token.
 */
function main() {
  const config = readAdminConfig();
  return runService({
    name: 'admin',
    config,
    producedEvents: [],
    routes(app, runtime) {
      const deps = adminDeps(config, runtime);
      exportPlatformGauges(new PlatformObservations({ kafka: deps.kafka,
        timestamps: deps.timestamps, connect: deps.connect, pgAdmin: deps.pgAdmin,
        cacheMs: config.OBSERVATION_CACHE_MS }), runtime.log);
      serveConsole(app, runtime.log);
      registerAdminRoutes(app, deps);
    },
  });
}

function adminDeps(config: AdminConfig, runtime: ServiceRuntime): AdminDeps {
  const pgAdmin: Pool = createPool({ connectionString: config.PG_ADMIN_URL, maxConnections: 2,
    applicationName: 'admin.replication-views' });
  return { config, kafka: runtime.kafka, codec: runtime.codec, pool: runtime.pool, pgAdmin,
    log: runtime.log, ops: new OpsClient(config), connect: new ConnectClient(config.CONNECT_URL),
    timestamps: new MessageTimestamps(runtime.kafka) };
}

main().catch((error) => {
  createLogger('admin').fatal({ err: error }, 'admin service failed to start');
  process.exit(1);
});
