import { NextFunction, Request, Response } from 'express';
import { histogram } from '../metrics/metrics-registry';

const requestDuration = histogram(
  'http_request_duration_seconds',
  'HTTP request duration by method, route and status',
  ['method', 'route', 'status'],
  [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
);

/** Labels by route pattern, never by path, so an order id never becomes a label value. */
export function httpMetrics() {
  return (req: Request, res: Response, next: NextFunction) => {
    const stop = requestDuration.startTimer();
    res.on('finish', () => {
      const route = req.route?.path ? `${req.baseUrl}${req.route.path}` : 'unmatched';
      stop({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  };
}
