/** Values that describe where an error happened; ids and names, never payloads. */
export type ErrorContext = Record<string, string | number | boolean | null | undefined>;

export interface PlatformErrorOptions {
  retriable?: boolean;
  context?: ErrorContext;
  cause?: unknown;
}

/**
 * The root of every error this platform raises on purpose. The retry decision is made where
 * the error is born (`retriable`) and only read elsewhere.
 */
export class PlatformError extends Error {
  readonly code: string;
  readonly retriable: boolean;
  readonly context: ErrorContext;

  constructor(code: string, message: string, options: PlatformErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.retriable = options.retriable ?? false;
    this.context = options.context ?? {};
  }
}

/** One broken rule of an input: which field, which rule, and the value that broke it. */
export interface FieldIssue {
  field: string;
  rule: string;
  value: unknown;
}

export class ValidationError extends PlatformError {
  readonly issues: FieldIssue[];

  constructor(issues: FieldIssue[], context: ErrorContext = {}) {
    super('validation_failed', describeIssues(issues), { context });
    this.issues = issues;
  }
}

export class ConfigError extends PlatformError {
  constructor(issues: FieldIssue[]) {
    super('config_invalid', `invalid configuration: ${describeIssues(issues)}`);
  }
}

/** A dependency (database, broker, registry) does not answer; trying again later may work. */
export class DependencyUnavailableError extends PlatformError {
  constructor(dependency: string, cause: unknown) {
    super('dependency_unavailable', `${dependency} is unavailable`, {
      retriable: true,
      context: { dependency },
      cause,
    });
  }
}

export function describeIssues(issues: FieldIssue[]): string {
  return issues
    .map((issue) => `${issue.field} ${issue.rule} (got ${formatValue(issue.value)})`)
    .join('; ');
}

function formatValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
