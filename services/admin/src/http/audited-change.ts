import { Request, Response } from 'express';
import { Pool } from 'pg';
import { PlatformError, ValidationError } from '../../../../libs/errors/platform-error';
import { HttpProblemError } from '../../../../libs/http/error-handler';
import { beginAuditEntry, finishAuditEntry } from '../db/audit-log';
import { ChangeRoute } from './admin-route';

/**
 * Runs a change between two audit writes: the request (who, what, when) before anything is
 * touched, then the answer with the state before and after. A change that fails is audited
 * with its status and the error, then answered as the error says.
 */
export function auditedChange(route: ChangeRoute, pool: Pool) {
  return async (req: Request, res: Response) => {
    const id = await beginAuditEntry(pool, { actor: String(res.locals.actor),
      method: req.method, route: route.path,
      params: { path: req.params, query: req.query, body: req.body ?? null } });
    let change;
    try {
      change = await route.change(req);
    } catch (error) {
      await finishAuditEntry(pool, id, { status: statusOf(error), before: null,
        after: { error: (error as Error).message } });
      throw error;
    }
    await finishAuditEntry(pool, id, change);
    res.status(change.status).set('X-Audit-Id', id).json(change.body);
  };
}

function statusOf(error: unknown): number {
  if (error instanceof HttpProblemError) return error.status;
  if (error instanceof ValidationError) return 400;
  if (error instanceof PlatformError && error.retriable) return 503;
  return 500;
}
