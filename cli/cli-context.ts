import { Command } from 'commander';
import { AdminClient } from './admin-client';
import { EXIT } from './exit-codes';

export const DEFAULT_URL = 'http://127.0.0.1:3000';

/** What every command's action works with, from the global options. */
export interface CliContext {
  client: AdminClient;
  /** Print the API's JSON bodies instead of tables. */
  json: boolean;
}

interface GlobalOptions {
  url: string;
  token?: string;
  json?: boolean;
}

/** Checks the global options; a bad one is a usage error that never echoes a secret. */
export function contextOf(command: Command): CliContext {
  const options = command.optsWithGlobals<GlobalOptions>();
  const urlProblem = problemWithUrl(options.url);
  if (urlProblem) usageError(command, `--url (or SAGACTL_URL) ${urlProblem}`);
  if (options.token === '') {
    usageError(command, 'the token (--token or SAGACTL_TOKEN) is empty; set it, or leave it ' +
      'out for the health checks alone');
  }
  if (options.token !== undefined && !/^[\x21-\x7E]+$/.test(options.token)) {
    usageError(command, 'the token (--token or SAGACTL_TOKEN) holds spaces or characters ' +
      'a bearer token cannot carry; check how it was set');
  }
  return { client: new AdminClient(options.url, options.token || undefined),
    json: options.json === true };
}

/** Reports like commander's own errors do, and ends with exit code 2. */
export function usageError(command: Command, message: string): never {
  command.error(`error: ${message}`, { exitCode: EXIT.usage, code: 'sagactl.usage' });
}

/**
 * The rule the address breaks, if any. Credentials in it would reach error messages (fetch
 * quotes the URL), and a query or fragment would be lost or misread as part of every path;
 * the address is shown only without them.
 */
function problemWithUrl(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an http:// or https:// address';
  }
  if (!['http:', 'https:'].includes(url.protocol)) return 'must be an http:// or https:// address';
  const bare = `${url.protocol}//${url.host}${url.pathname}`;
  if (url.username || url.password) {
    return `must not hold a user or password (${bare}): the token goes in SAGACTL_TOKEN`;
  }
  if (/[?#]/.test(url.href)) return `must not hold a query string or a fragment (${bare})`;
  return undefined;
}
