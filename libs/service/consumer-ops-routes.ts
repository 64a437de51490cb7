import { Request, Response, Router } from 'express';
import { EventConsumer } from '../consumer/event-consumer';
import { HttpProblemError } from '../http/error-handler';

/**
 * Operations on this service's consumer groups, behind the /ops bearer token: their health,
 * and pause or resume (all groups, or one by name). A paused group keeps its partitions and
 * heartbeats but applies nothing, and /readyz answers 503 until it is resumed.
 */
export function consumerOpsRoutes(consumers: EventConsumer[]): Router {
  const router = Router();
  const pick = (group: string | undefined): EventConsumer[] => {
    if (group === undefined) return consumers;
    const found = consumers.filter((consumer) => consumer.groupId === group);
    if (found.length === 0) {
      throw new HttpProblemError(404, 'consumer-group-not-found', 'Consumer group not found',
        `consumer group ${JSON.stringify(group)} does not run in this service`);
    }
    return found;
  };
  const view = (consumer: EventConsumer) => ({ group: consumer.groupId, ...consumer.health() });

  router.get('/ops/consumers', (_req: Request, res: Response) => {
    res.json({ consumers: consumers.map(view) });
  });
  for (const action of ['pause', 'resume'] as const) {
    const act = (req: Request, res: Response) => {
      const chosen = pick(req.params.group === undefined ? undefined : String(req.params.group));
      for (const consumer of chosen) consumer[action]();
      res.json({ consumers: chosen.map(view) });
    };
    router.post(`/ops/consumers/${action}`, act);
    router.post(`/ops/consumers/:group/${action}`, act);
  }
  return router;
}
