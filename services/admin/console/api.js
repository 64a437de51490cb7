// The admin API as the console calls it: same origin, the token from sessionStorage in the
// Authorization header and nowhere else, errors as the problem+json the API answered.

const TOKEN_KEY = 'outbox-console.token';

/** The token lives in this tab's sessionStorage only: gone when the tab closes. */
export const token = {
  get: () => sessionStorage.getItem(TOKEN_KEY),
  set: (value) => sessionStorage.setItem(TOKEN_KEY, value),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

/** An answer that is not 2xx, with the problem the API described (or one made up for it). */
export class ApiError extends Error {
  constructor(status, problem, request) {
    super(problem.detail || problem.title || `answered ${status}`);
    this.status = status;
    this.problem = problem;
    this.request = request;
  }
}

/** 401: no token, or the API does not accept it. The console asks for another. */
export class TokenRefused extends ApiError {}

/** '/topics/orders.events/messages' from ['topics', 'orders.events', 'messages'], encoded. */
export function apiPath(parts, query = {}) {
  const path = parts.map((part) => encodeURIComponent(String(part))).join('/');
  const entries = Object.entries(query)
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .map(([name, value]) => [name, String(value)]);
  const search = entries.length === 0 ? '' : `?${new URLSearchParams(entries).toString()}`;
  return `/${path}${search}`;
}

/** Calls the API and answers the parsed JSON body; throws ApiError or TokenRefused. */
export async function callApi(method, path, body) {
  const request = `${method} ${path}`;
  const current = token.get();
  if (!current) {
    throw new TokenRefused(401, { title: 'No token', detail: 'enter a token first' }, request);
  }
  const headers = { authorization: `Bearer ${current}`,
    accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, { method, headers, cache: 'no-store', credentials: 'omit',
      redirect: 'error', body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (error) {
    throw new ApiError(0, { title: 'No answer',
      detail: `the admin API did not answer (${error.message})` }, request);
  }
  const text = await response.text();
  const parsed = parseJson(text, response.headers.get('content-type'));
  if (response.ok) return parsed;
  const problem = parsed && typeof parsed === 'object' ? parsed
    : { title: response.statusText || 'Error', detail: text.slice(0, 500) };
  if (response.status === 401) throw new TokenRefused(401, problem, request);
  throw new ApiError(response.status, problem, request);
}

function parseJson(text, contentType) {
  if (!text || !/json/i.test(contentType ?? '')) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export const getJson = (parts, query) => callApi('GET', apiPath(parts, query));
export const postJson = (parts, body = {}) => callApi('POST', apiPath(parts), body);
