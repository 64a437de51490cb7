import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { RunningService, REPO_ROOT, startService } from '../support/service-process';

export const ADMIN_TOKEN = 'admin-test-token-0123456789';
export const READ_TOKEN = 'read-test-token-0123456789';
export const OPS_TOKEN = 'admin-test-ops-token-0123';

export interface Answer {
  status: number;
  type: string | null;
  body: any;
}

/** Starts the admin service with test tokens; `env` points it at the services of a test. */
export function startAdmin(env: Record<string, string> = {}): Promise<RunningService> {
  return startService('admin', { ADMIN_TOKEN, ADMIN_READ_TOKEN: READ_TOKEN, OPS_TOKEN,
    OBSERVATION_CACHE_MS: '0', ...env });
}

export async function call(admin: RunningService, method: string, route: string,
  options: { token?: string | null; body?: unknown } = {}): Promise<Answer> {
  const token = options.token === undefined ? ADMIN_TOKEN : options.token;
  const response = await fetch(`${admin.url}${route}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(method === 'POST' ? { 'content-type': 'application/json' } : {}) },
    body: method === 'POST' ? JSON.stringify(options.body ?? {}) : undefined,
  });
  const text = await response.text();
  const type = response.headers.get('content-type');
  return { status: response.status, type, body: /json/.test(type ?? '') && text
    ? JSON.parse(text) : text };
}

export interface DocumentedOperation {
  method: string;
  /** Express style: `/topics/:topic`. */
  route: string;
  secured: boolean;
  responses: string[];
}

/** Every operation of services/admin/openapi.yaml. */
export function documentedOperations(): DocumentedOperation[] {
  const doc = parse(readFileSync(path.join(REPO_ROOT, 'services/admin/openapi.yaml'), 'utf8'));
  return Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(
    ([openapiPath, operations]) => Object.entries(operations).map(([method, operation]) => ({
      method: method.toUpperCase(),
      route: openapiPath.replace(/\{(\w+)\}/g, ':$1'),
      secured: !(Array.isArray(operation.security) && operation.security.length === 0),
      responses: Object.keys(operation.responses ?? {}),
    })));
}
