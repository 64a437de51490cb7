import { z } from 'zod';
import { ConfigError, FieldIssue } from '../errors/platform-error';

const SECRET_NAME = /TOKEN|PASSWORD|SECRET/i;

/**
 * Reads the environment once against a schema and reports every bad variable in one error,
 * so an operator fixes them all at once instead of one restart at a time.
 */
export function readConfig<T extends z.ZodType>(schema: T, env: NodeJS.ProcessEnv): z.infer<T> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const issues: FieldIssue[] = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? '(environment)');
    // A secret's value stays out of the error, which ends up in the logs.
    const value = SECRET_NAME.test(name) && env[name] !== undefined ? '(hidden)' : env[name];
    return { field: name, rule: issue.message, value };
  });
  throw new ConfigError(issues);
}

/** An integer environment variable with a default and bounds. */
export function intVar(defaultValue: number, min: number, max: number) {
  return z.coerce
    .number({ message: 'must be a number' })
    .int({ message: 'must be an integer' })
    .min(min, { message: `must be at least ${min}` })
    .max(max, { message: `must be at most ${max}` })
    .default(defaultValue);
}

export const urlVar = (defaultValue: string) =>
  z.url({ message: 'must be a URL' }).default(defaultValue);

export const listVar = (defaultValue: string) =>
  z
    .string()
    .default(defaultValue)
    .transform((text) => text.split(',').map((part) => part.trim()).filter(Boolean));
