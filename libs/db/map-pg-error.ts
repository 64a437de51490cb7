import { DependencyUnavailableError, PlatformError } from '../errors/platform-error';

/** SQLSTATEs worth another try: the same statement may succeed on a second run. */
const RETRIABLE_SQLSTATES = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '55P03', // lock_not_available
  '57014', // query_canceled (statement timeout)
  '53300', // too_many_connections
]);

/** SQLSTATE classes and socket errors that mean the database is not reachable now. */
const UNAVAILABLE_SQLSTATE_CLASSES = ['08', '57P0'];
const UNAVAILABLE_SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

export class DatabaseError extends PlatformError {}

interface PgLikeError {
  code?: string;
  message?: string;
  constraint?: string;
  table?: string;
}

/** The one place where Postgres and driver errors become platform errors. */
export function mapPgError(error: unknown): Error {
  if (error instanceof PlatformError) return error;
  const pgError = (error ?? {}) as PgLikeError;
  const code = pgError.code ?? '';
  if (isUnavailable(code, pgError.message)) {
    return new DependencyUnavailableError('postgres', error);
  }
  if (RETRIABLE_SQLSTATES.has(code)) {
    return new DatabaseError(`retriable_${code}`, `database asked for a retry (${code})`, {
      retriable: true,
      context: { sqlstate: code },
      cause: error,
    });
  }
  if (error instanceof Error && !code) return error;
  return new DatabaseError(`sqlstate_${code}`, pgError.message ?? 'database error', {
    context: { sqlstate: code, constraint: pgError.constraint, table: pgError.table },
    cause: error,
  });
}

function isUnavailable(code: string, message: string | undefined): boolean {
  if (UNAVAILABLE_SOCKET_CODES.has(code)) return true;
  if (UNAVAILABLE_SQLSTATE_CLASSES.some((prefix) => code.startsWith(prefix))) return true;
  return /Connection terminated|timeout exceeded when trying to connect/i.test(message ?? '');
}
