import { z } from 'zod';
import { FieldIssue, ValidationError } from '../errors/platform-error';

/**
 * Parses input against a schema; on failure throws one ValidationError that names every
 * broken field, its rule and the value that broke it.
 */
export function validateInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(result.error.issues.flatMap((issue) => toFieldIssues(issue, input)));
}

function toFieldIssues(issue: z.core.$ZodIssue, input: unknown): FieldIssue[] {
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') {
    const parent = valueAt(input, path);
    return issue.keys.map((key) => ({
      field: joinPath([...path, key]),
      rule: 'is not an allowed field',
      value: (parent as Record<string, unknown>)[key],
    }));
  }
  const value = valueAt(input, path);
  const rule = issue.code === 'invalid_type' && value === undefined ? 'is required' : issue.message;
  return [{ field: joinPath(path) || '(body)', rule, value }];
}

function joinPath(path: string[]): string {
  return path.reduce((text, part) =>
    (/^\d+$/.test(part) ? `${text}[${part}]` : text ? `${text}.${part}` : part), '');
}

function valueAt(input: unknown, path: string[]): unknown {
  let current: unknown = input;
  for (const part of path) {
    if (current === null || typeof current !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(current, part)) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/**
 * Free text such as a filter or a reason: trimmed, then 1 to `max` characters, so a reason of
 * blanks is refused rather than recorded.
 */
export function boundedText(max: number) {
  const rule = { message: `must be 1 to ${max} characters, not only blanks` };
  return z.string().trim().min(1, rule).max(max, rule);
}
