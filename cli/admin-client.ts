/** The admin API over HTTP with a bearer token: the only thing the CLI talks to. */

/** Longer than the admin waits for a service's change (120 s), so its answer arrives. */
export const TIMEOUT_MS = 150000;

export interface ApiAnswer<T> {
  status: number;
  body: T;
  /** The body as sent, for `--json`, which prints it unchanged. */
  text: string;
}

interface Problem {
  title?: string;
  detail?: string;
}

export type Query = Record<string, string | number | undefined>;

/** The API answered with an error status; `detail` is the problem's own words where it has them. */
export class AdminApiError extends Error {
  constructor(readonly request: string, readonly status: number, problem: Problem | null,
    hint = '') {
    super(`${request} answered ${status} ${describeProblem(problem)}${hint}`);
  }
}

/** No answer at all: refused, reset, unknown host, or too slow. */
export class AdminUnreachableError extends Error {}

/** A path with each substituted value percent-encoded as one segment. */
export function apiPath(parts: TemplateStringsArray, ...values: (string | number)[]): string {
  return parts.reduce((path, part, index) => path + part +
    (index < values.length ? encodeURIComponent(String(values[index])) : ''), '');
}

export class AdminClient {
  private readonly base: string;

  constructor(baseUrl: string, private readonly token: string | undefined) {
    this.base = baseUrl.replace(/\/+$/, '');
  }

  get<T>(path: string, query: Query = {}): Promise<ApiAnswer<T>> {
    return this.request<T>('GET', withQuery(path, query));
  }

  post<T>(path: string, body: unknown = {}): Promise<ApiAnswer<T>> {
    return this.request<T>('POST', path, body);
  }

  /** An open text/event-stream response; it ends when `signal` aborts or the API hangs up. */
  async stream(path: string, query: Query, signal: AbortSignal):
    Promise<ReadableStream<Uint8Array>> {
    const route = withQuery(path, query);
    const response = await this.send('GET', route, undefined, signal,
      { accept: 'text/event-stream' });
    if (!response.ok) await this.fail('GET', route, response);
    if (!response.body) throw new AdminUnreachableError(`GET ${route} sent no stream`);
    return response.body;
  }

  private async request<T>(method: string, route: string, body?: unknown):
    Promise<ApiAnswer<T>> {
    const response = await this.send(method, route, body, AbortSignal.timeout(TIMEOUT_MS),
      { accept: 'application/json' });
    if (!response.ok) await this.fail(method, route, response);
    const text = await this.readText(method, route, response);
    try {
      return { status: response.status, body: JSON.parse(text) as T, text };
    } catch {
      throw new Error(`${method} ${route} answered ${response.status} with a body that is ` +
        'not JSON; is --url the admin API?');
    }
  }

  private async send(method: string, route: string, body: unknown, signal: AbortSignal,
    headers: Record<string, string>): Promise<Response> {
    try {
      return await fetch(`${this.base}${route}`, {
        method,
        headers: { ...headers,
          ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
      });
    } catch (error) {
      throw new AdminUnreachableError(`cannot reach the admin API at ${this.where()} ` +
        `(${method} ${route}: ${reasonOf(error)})`);
    }
  }

  private async fail(method: string, route: string, response: Response): Promise<never> {
    const text = await this.readText(method, route, response);
    let problem: Problem | null = null;
    try {
      problem = JSON.parse(text) as Problem;
    } catch {
      // Not the API's problem+json (a proxy, another server): the status says enough.
    }
    const hint = response.status === 401 && !this.token
      ? ' (no token given: set SAGACTL_TOKEN or pass --token)' : '';
    throw new AdminApiError(`${method} ${route}`, response.status, problem, hint);
  }

  private async readText(method: string, route: string, response: Response): Promise<string> {
    try {
      return await response.text();
    } catch (error) {
      throw new AdminUnreachableError(`the admin API at ${this.where()} broke off its answer ` +
        `to ${method} ${route} (${reasonOf(error)})`);
    }
  }

  /** The base address without any user:password part, fit to print. */
  private where(): string {
    try {
      const url = new URL(this.base);
      return `${url.origin}${url.pathname.replace(/\/$/, '')}`;
    } catch {
      return 'the given --url';
    }
  }
}

function withQuery(path: string, query: Query): string {
  const entries = Object.entries(query).filter((entry): entry is [string, string | number] =>
    entry[1] !== undefined).map(([name, value]): [string, string] => [name, String(value)]);
  return entries.length === 0 ? path : `${path}?${new URLSearchParams(entries).toString()}`;
}

function describeProblem(problem: Problem | null): string {
  const title = typeof problem?.title === 'string' ? problem.title : '';
  const detail = typeof problem?.detail === 'string' ? problem.detail : '';
  const words = title && detail ? `${title}: ${detail}` : title || detail || '(no detail)';
  return words.replace(/\s+/g, ' ');
}

/**
 * fetch hides the socket's error in `cause`; its code says more than "fetch failed". Its own
 * messages may quote the URL, so any user:password in it is cut.
 */
function reasonOf(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') {
    return `no answer within ${TIMEOUT_MS / 1000} s`;
  }
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const reason = cause?.code ?? cause?.message ?? (error as Error).message ?? String(error);
  return reason.replace(/\/\/[^\s/@]*@/g, '//');
}
