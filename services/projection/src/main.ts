import { createLogger } from '../../../libs/logging/logger';
import { runService } from '../../../libs/service/run-service';
import { EVENT_TOPIC_NAMES } from '../../../libs/schemas/event-catalog';
import { readProjectionConfig } from './config';
import { projectionHandlers } from './consumers/project-order-event';
import { ProjectionRebuilder } from './consumers/rebuild-projection';
import { projectionRoutes } from './http/projection-routes';

/** The consumer added late: it reads every topic from offset 0 into its own read model. */
const PROJECTION_TOPICS = [...EVENT_TOPIC_NAMES];

function main() {
  const config = readProjectionConfig();
  return runService({
    name: 'projection',
    config,
    producedEvents: [],
    consumers: [{
      groupId: 'projection.order-history',
      topics: PROJECTION_TOPICS,
      handlers: projectionHandlers,
      partitionsConsumedConcurrently: config.PROJECTION_CONCURRENT_PARTITIONS,
    }],
    routes(app, runtime, consumers) {
      const rebuilder = new ProjectionRebuilder({ kafka: runtime.kafka, pool: runtime.pool,
        log: runtime.log, consumer: consumers[0]!, topics: PROJECTION_TOPICS });
      projectionRoutes(app, runtime.pool, rebuilder);
    },
  });
}

main().catch((error) => {
  createLogger('projection').fatal({ err: error }, 'projection service failed to start');
  process.exit(1);
});
