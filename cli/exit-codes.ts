import { CommanderError } from 'commander';
import { AdminApiError, AdminUnreachableError } from './admin-client';

/** What a script may rely on; `sagactl --help` and docs/cli.md list the same. */
export const EXIT = {
  ok: 0,
  failed: 1,
  usage: 2,
  notFound: 3,
  unauthorized: 4,
  unavailable: 5,
} as const;

export const EXIT_CODES_HELP = `Exit codes:
  0  success
  1  any other failure: the API refused (400, 409) or failed (500, 502), a redrive failed
  2  usage error: a bad or missing argument or option
  3  not found (404): no such topic, consumer group, dead letter or order
  4  unauthorized (401) or forbidden (403): no token, a wrong one, or the read-only token
     asking for a change
  5  the admin API is unreachable, did not answer in time, or answered 503`;

export function exitCodeOf(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  if (error instanceof AdminUnreachableError) return EXIT.unavailable;
  if (!(error instanceof AdminApiError)) return EXIT.failed;
  if (error.status === 404) return EXIT.notFound;
  if (error.status === 401 || error.status === 403) return EXIT.unauthorized;
  if (error.status === 503) return EXIT.unavailable;
  return EXIT.failed;
}
