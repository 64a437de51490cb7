import { once } from 'node:events';
import { createPool } from '../../../libs/db/pool';
import { createLogger } from '../../../libs/logging/logger';
import { EventCodec } from '../../../libs/schemas/event-codec';
import { readOrdersConfig } from './config';
import { createOrdersApp } from './http/orders-app';

const ORDER_EVENTS = ['OrderPlaced', 'OrderConfirmed', 'OrderRejected', 'OrderCancelled'] as const;

async function main() {
  const log = createLogger('orders');
  const config = readOrdersConfig();
  const pool = createPool({
    connectionString: config.DATABASE_URL,
    maxConnections: config.DB_POOL_MAX,
    applicationName: 'orders',
  });
  const codec = EventCodec.connect(config.SCHEMA_REGISTRY_URL);
  await codec.registerLatest(ORDER_EVENTS);

  const app = createOrdersApp({
    pool,
    codec,
    log,
    deadlineMs: config.SAGA_DEADLINE_MS,
    keepOutboxRows: config.OUTBOX_KEEP_DAYS > 0,
    readiness: [
      { name: 'postgres', check: async () => void (await pool.query('select 1')) },
      { name: 'schema-registry', check: () => codec.ping() },
    ],
  });
  const server = app.listen(config.PORT, '127.0.0.1');
  await once(server, 'listening');
  log.info({ port: config.PORT }, 'orders service listening');

  const shutdown = async (signal: string) => {
    log.info({ signal }, 'orders service stopping');
    server.close();
    await pool.end();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error) => {
  createLogger('orders').fatal({ err: error }, 'orders service failed to start');
  process.exit(1);
});
