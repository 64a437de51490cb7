import express, { NextFunction, Request, RequestHandler, Response } from 'express';
import { problem, sendProblem } from './problem';

export const MAX_BODY_BYTES = 64 * 1024;

const parseJson = express.json({ limit: MAX_BODY_BYTES, strict: true, type: () => true });

/**
 * JSON bodies only, at most 64 KiB: 415 for another content type, 413 when too large, 400 when
 * malformed. Runs only on methods that carry a body.
 */
export function jsonBody(): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'DELETE') return next();
    const contentType = req.headers['content-type'] ?? '';
    if (!/^application\/(.+\+)?json\s*(;|$)/i.test(contentType)) {
      return sendProblem(res, problem(415, 'unsupported-media-type', 'Unsupported media type',
        `the body must be application/json (got ${JSON.stringify(contentType || 'none')})`));
    }
    parseJson(req, res, (error?: unknown) => {
      if (!error) return next();
      const type = (error as { type?: string }).type;
      if (type === 'entity.too.large') {
        return sendProblem(res, problem(413, 'body-too-large', 'Body too large',
          `the body must be at most ${MAX_BODY_BYTES} bytes`));
      }
      if (type === 'entity.parse.failed') {
        return sendProblem(res, problem(400, 'malformed-json', 'Malformed JSON',
          `the body is not valid JSON: ${(error as Error).message}`));
      }
      if (type === 'charset.unsupported' || type === 'encoding.unsupported') {
        return sendProblem(res, problem(415, 'unsupported-media-type', 'Unsupported media type',
          (error as Error).message));
      }
      return next(error);
    });
  };
}
