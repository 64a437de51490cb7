import { DependencyUnavailableError } from '../../../../libs/errors/platform-error';
import { HttpProblemError } from '../../../../libs/http/error-handler';

export interface JsonAnswer {
  status: number;
  body: unknown;
}

/** How long a read may take before its dependency counts as down. */
export const READ_TIMEOUT_MS = 10000;

/**
 * One JSON request to a dependency (a service, Connect). A refused connection or a timeout is
 * a dependency that is down (503 with Retry-After); the answer, whatever its status, is
 * returned for the caller to judge.
 */
export async function callJson(dependency: string, url: string, init: {
  method?: string; body?: unknown; headers?: Record<string, string>; timeoutMs?: number;
} = {}): Promise<JsonAnswer> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method ?? 'GET',
      headers: { accept: 'application/json', ...(init.body === undefined ? {} :
        { 'content-type': 'application/json' }), ...init.headers },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: AbortSignal.timeout(init.timeoutMs ?? READ_TIMEOUT_MS),
    });
  } catch (error) {
    throw new DependencyUnavailableError(dependency, error);
  }
  const text = await response.text();
  return { status: response.status, body: text ? parseOrText(text) : null };
}

function parseOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Connect answers some errors as plain text; keep it for the detail.
    return text;
  }
}

/**
 * A dependency's own 4xx answer is passed on with its status (an unknown dead letter is a 404
 * for the operator too); its 5xx is a 502 that names it.
 */
export function expectOk(dependency: string, answer: JsonAnswer): unknown {
  if (answer.status >= 200 && answer.status < 300) return answer.body;
  const detail = describeAnswer(answer);
  if (answer.status >= 400 && answer.status < 500) {
    throw new HttpProblemError(answer.status, 'dependency-refused', `${dependency} refused`,
      `${dependency} answered ${answer.status}: ${detail}`);
  }
  throw new HttpProblemError(502, 'dependency-failed', `${dependency} failed`,
    `${dependency} answered ${answer.status}: ${detail}`);
}

function describeAnswer(answer: JsonAnswer): string {
  const body = answer.body as { detail?: string; message?: string } | string | null;
  if (typeof body === 'string') return body.slice(0, 300);
  return body?.detail ?? body?.message ?? 'no detail';
}
