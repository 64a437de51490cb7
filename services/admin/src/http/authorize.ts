import { NextFunction, Request, Response } from 'express';
import { sameSecret } from '../../../../libs/http/ops-auth';
import { problem, sendProblem } from '../../../../libs/http/problem';

export type Actor = 'admin' | 'read-only';

export interface AdminTokens {
  admin: string;
  readOnly: string;
}

/**
 * The actor the bearer token names. Both tokens are always compared (each in constant time),
 * so the time taken does not tell which one, if any, came close.
 */
export function identifyActor(req: Request, tokens: AdminTokens): Actor | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.header('authorization') ?? '');
  const given = match?.[1] ?? '';
  const isAdmin = sameSecret(given, tokens.admin);
  const isReader = sameSecret(given, tokens.readOnly);
  if (!match) return null;
  return isAdmin ? 'admin' : isReader ? 'read-only' : null;
}

/** 401 without a valid token; 403 when the read-only token asks for a change. */
export function authorize(access: 'read' | 'write', tokens: AdminTokens) {
  return (req: Request, res: Response, next: NextFunction) => {
    const actor = identifyActor(req, tokens);
    if (!actor) {
      res.set('WWW-Authenticate', 'Bearer');
      return sendProblem(res, problem(401, 'unauthorized', 'Unauthorized',
        'the admin API needs Authorization: Bearer <token> with the admin or read-only token'));
    }
    if (access === 'write' && actor !== 'admin') {
      return sendProblem(res, problem(403, 'forbidden', 'Forbidden',
        `the ${actor} token may read but not change; ${req.method} ${req.path} is a change`));
    }
    res.locals.actor = actor;
    next();
  };
}
