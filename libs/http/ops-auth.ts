import { timingSafeEqual, createHash } from 'node:crypto';
import { NextFunction, Request, Response } from 'express';
import { problem, sendProblem } from './problem';

/** Compares secrets in constant time (hashing first, so lengths do not leak either). */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** Requires `Authorization: Bearer <token>`; 401 problem+json otherwise. */
export function requireBearerToken(token: string) {
  return (req: Request, res: Response, next: NextFunction) => {
    const header = req.header('authorization') ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header);
    if (match && sameSecret(match[1]!.trim(), token)) return next();
    res.set('WWW-Authenticate', 'Bearer');
    return sendProblem(res, problem(401, 'unauthorized', 'Unauthorized',
      'a valid bearer token is required for operations endpoints'));
  };
}
