import pino, { Logger } from 'pino';

export type { Logger };

const root = pino({
  level: process.env.LOG_LEVEL ?? 'info',
  base: { pid: process.pid },
  timestamp: pino.stdTimeFunctions.isoTime,
  redact: { paths: ['payload', 'password', 'token', 'authorization'], remove: true },
});

/** JSON logs with a namespace per component: `createLogger('orders.http')`. */
export function createLogger(component: string): Logger {
  return root.child({ component });
}
