import { Request, Response, Router } from 'express';
import { Pool } from 'pg';
import { z } from 'zod';
import { HttpProblemError } from '../http/error-handler';
import { boundedText, validateInput } from '../http/validate-input';
import { ApplyContext } from './apply-event';
import {
  DeadLetterRecord,
  findDeadLetter,
  listDeadLetters,
  listParkedKeys,
} from './dead-letter-store';
import { DeadLetterStateError, discardDeadLetter, redriveDeadLetter } from './redrive-dead-letter';


const listQuery = z.strictObject({
  status: z.enum(['open', 'redriven', 'discarded'],
    { message: 'must be open, redriven or discarded' }).optional(),
  group: boundedText(200).optional(),
  key: boundedText(200).optional(),
  eventType: boundedText(100).optional(),
  errorClass: boundedText(200).optional(),
  limit: z.coerce.number().int({ message: 'must be an integer from 1 to 1000' })
    .min(1, { message: 'must be an integer from 1 to 1000' })
    .max(1000, { message: 'must be an integer from 1 to 1000' }).default(100),
});

const redriveFilter = z.strictObject({
  key: boundedText(200).optional(),
  eventType: boundedText(100).optional(),
  errorClass: boundedText(200).optional(),
}).refine((filter) => Object.keys(filter).length > 0,
  { message: 'must name at least one of key, eventType, errorClass' });

const discardBody = z.strictObject({ reason: boundedText(500) });

/**
 * The service's own dead letters and parked keys, for operators and the admin service:
 * list, show, redrive (one or by filter) and discard with a reason.
 */
export function deadLetterOpsRoutes(pool: Pool, contexts: ApplyContext[]): Router {
  const router = Router();
  const contextOf = (group: string) => {
    const context = contexts.find((candidate) => candidate.groupId === group);
    if (!context) throw new HttpProblemError(409, 'group-not-here', 'Group not consumed here',
      `consumer group ${group} does not run in this service`);
    return context;
  };
  const letterOr404 = async (id: string) => {
    const letter = /^\d{1,18}$/.test(id) ? await findDeadLetter(pool, id) : null;
    if (!letter) throw new HttpProblemError(404, 'dead-letter-not-found', 'Dead letter not found',
      `no dead letter with id ${JSON.stringify(id)}`);
    return letter;
  };

  router.get('/ops/dead-letters', async (req: Request, res: Response) => {
    const filter = validateInput(listQuery, req.query);
    res.json((await listDeadLetters(pool, filter)).map(deadLetterView));
  });
  router.get('/ops/dead-letters/:id', async (req: Request, res: Response) => {
    res.json(deadLetterView(await letterOr404(String(req.params.id))));
  });
  router.post('/ops/dead-letters/redrive', async (req: Request, res: Response) => {
    const filter = validateInput(redriveFilter, req.body ?? {});
    const letters = await listDeadLetters(pool, { ...filter, status: 'open', limit: 1000 });
    const results = [];
    for (const letter of letters) {
      results.push(await redriveDeadLetter(pool, contextOf(letter.consumerGroup), letter.id));
    }
    res.json({ results });
  });
  router.post('/ops/dead-letters/:id/redrive', async (req: Request, res: Response) => {
    const letter = await letterOr404(String(req.params.id));
    res.json(await stateful(() =>
      redriveDeadLetter(pool, contextOf(letter.consumerGroup), letter.id)));
  });
  router.post('/ops/dead-letters/:id/discard', async (req: Request, res: Response) => {
    const { reason } = validateInput(discardBody, req.body ?? {});
    const letter = await letterOr404(String(req.params.id));
    res.json(await stateful(() =>
      discardDeadLetter(pool, contextOf(letter.consumerGroup), letter.id, reason)));
  });
  router.get('/ops/parked-keys', async (_req: Request, res: Response) => {
    res.json(await listParkedKeys(pool));
  });
  return router;
}

/** A dead letter already redriven or discarded is a 409, not a failure of ours. */
async function stateful<T>(action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof DeadLetterStateError) {
      throw new HttpProblemError(409, 'dead-letter-resolved', 'Dead letter already resolved',
        error.message);
    }
    throw error;
  }
}

export function deadLetterView(letter: DeadLetterRecord) {
  return {
    id: letter.id,
    consumerGroup: letter.consumerGroup,
    topic: letter.message.topic,
    partition: letter.message.partition,
    offset: letter.message.offset,
    key: letter.message.key,
    eventId: letter.eventId,
    eventType: letter.eventType,
    errorClass: letter.errorClass,
    errorMessage: letter.errorMessage,
    attempts: letter.attempts,
    firstFailureAt: letter.firstFailureAt.toISOString(),
    lastFailureAt: letter.lastFailureAt.toISOString(),
    status: letter.status,
    discardReason: letter.discardReason,
    parkedCount: letter.parkedCount,
    headers: letter.message.headers,
  };
}
