import { NextFunction, Request, Response } from 'express';
import { Logger } from 'pino';
import {
  DependencyUnavailableError,
  PlatformError,
  ValidationError,
} from '../errors/platform-error';
import { problem, sendProblem } from './problem';

/** Seconds a client should wait before retrying when a dependency is down. */
export const RETRY_AFTER_SECONDS = 5;

/** Raised by route handlers for answers that are not 2xx but are the client's business. */
export class HttpProblemError extends PlatformError {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    detail: string,
  ) {
    super(slug, detail);
  }
}

export function notFoundHandler(req: Request, res: Response) {
  sendProblem(res, problem(404, 'not-found', 'Not found',
    `no route for ${req.method} ${req.path}`));
}

/** Maps every error to problem+json; a 500 means a bug of ours, never a client's input. */
export function errorHandler(log: Logger) {
  return (error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    if (error instanceof ValidationError) {
      return sendProblem(res, problem(400, 'validation', 'Invalid request', error.message, {
        errors: error.issues,
      }));
    }
    if (error instanceof HttpProblemError) {
      return sendProblem(res, problem(error.status, error.slug, error.title, error.message));
    }
    if (isClientErrorOfExpress(error)) {
      // The router's own 4xx, such as a path segment that is not valid percent-encoding.
      return sendProblem(res, problem(error.status, 'bad-request', 'Bad request',
        `the request cannot be read: ${error.message}`));
    }
    if (error instanceof DependencyUnavailableError || isRetriable(error)) {
      log.warn({ err: error, route: req.route?.path }, 'dependency unavailable');
      return sendProblem(
        res,
        problem(503, 'unavailable', 'Service unavailable',
          'a dependency is unavailable; retry later'),
        { 'Retry-After': String(RETRY_AFTER_SECONDS) },
      );
    }
    log.error({ err: error, route: req.route?.path }, 'request failed');
    return sendProblem(res, problem(500, 'internal', 'Internal error', 'the request failed'));
  };
}

function isClientErrorOfExpress(error: unknown): error is Error & { status: number } {
  const status = (error as { status?: unknown } | null)?.status;
  return error instanceof Error && !(error instanceof PlatformError) &&
    typeof status === 'number' && status >= 400 && status < 500;
}

function isRetriable(error: unknown): boolean {
  return error instanceof PlatformError && error.retriable;
}
