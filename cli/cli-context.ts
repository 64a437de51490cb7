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

/** Checks the global options; a bad one is a usage error that never echoes the token. */
export function contextOf(command: Command): CliContext {
  const options = command.optsWithGlobals<GlobalOptions>();
  if (!isHttpUrl(options.url)) {
    usageError(command, '--url (or SAGACTL_URL) must be an http:// or https:// address');
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

function isHttpUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}
