import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Express, NextFunction, Request, Response } from 'express';
import { Logger } from '../../../../libs/logging/logger';
import { adminFolderPath } from '../admin-folder';

/** Where the operator console is served; outside the API's route table and its tokens. */
export const CONSOLE_PATH = '/console';

/** services/admin/console: static HTML, CSS and ES modules, served as they are. */
export const CONSOLE_DIR = adminFolderPath('console');

/**
 * Only this origin's own files run or style the page, it talks to this origin only, and no
 * other site may frame it. The console has no inline script or style, so none is allowed.
 */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function consoleHeaders(_req: Request, res: Response, next: NextFunction) {
  res.set({
    'Content-Security-Policy': CONSOLE_CSP,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  });
  next();
}

/**
 * Serves the console's files without a token: they hold no data. Every call the page makes
 * goes to the API routes, which ask for the bearer token like any other client's call.
 */
export function serveConsole(app: Express, log: Logger): void {
  if (!existsSync(path.join(CONSOLE_DIR, 'index.html'))) {
    log.warn({ dir: CONSOLE_DIR }, 'console files not found; /console/ answers 404');
  }
  app.use(CONSOLE_PATH, consoleHeaders, express.static(CONSOLE_DIR, {
    index: 'index.html',
    dotfiles: 'ignore',
    redirect: true,
    fallthrough: true,
  }));
}
