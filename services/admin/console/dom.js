// Building the page from data. Every piece of text goes in as a text node or through
// textContent; nothing from the API is ever parsed as HTML.

/**
 * An element: h('td', { className: 'num', testid: 'lag' }, 'text', otherNode).
 * Props: className, testid (data-testid), data (data-* attributes), attrs (other attributes),
 * on (event listeners). Children: strings and numbers become text; null and false are skipped.
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  if (props.className) element.className = props.className;
  if (props.testid) element.dataset.testid = props.testid;
  for (const [name, value] of Object.entries(props.data ?? {})) {
    if (value !== undefined && value !== null) element.dataset[name] = String(value);
  }
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    if (value === true) element.setAttribute(name, '');
    else if (value !== undefined && value !== null && value !== false) {
      element.setAttribute(name, String(value));
    }
  }
  for (const [event, listener] of Object.entries(props.on ?? {})) {
    element.addEventListener(event, listener);
  }
  append(element, children);
  return element;
}

function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces everything inside an element. */
export function fill(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

/** A link to a view of this console: the parts are encoded, so data cannot leave the hash. */
export function viewHref(...parts) {
  const query = parts.length > 0 && typeof parts.at(-1) === 'object' ? parts.pop() : null;
  const path = parts.map((part) => encodeURIComponent(String(part))).join('/');
  return `#/${path}${queryText(query)}`;
}

export function viewLink(text, parts, props = {}) {
  return h('a', { ...props, attrs: { ...props.attrs, href: viewHref(...parts) } }, text);
}

/** `?a=1&b=2` from the defined, non-empty values of an object; '' when none. */
export function queryText(query) {
  const entries = Object.entries(query ?? {})
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .map(([name, value]) => [name, String(value)]);
  return entries.length === 0 ? '' : `?${new URLSearchParams(entries).toString()}`;
}

/**
 * A table: columns are { title, cell(row) => node or text, className?, testid? }; each row gets
 * the props rowProps(row) returns (a testid and data attributes, typically).
 */
export function table(columns, rows, { testid, rowProps = () => ({}), empty = 'Nothing here.' }
  = {}) {
  if (rows.length === 0) return h('p', { className: 'empty', testid: testid && `${testid}-empty` },
    empty);
  return h('table', { testid },
    h('thead', {}, h('tr', {}, columns.map((column) =>
      h('th', { className: column.className }, column.title)))),
    h('tbody', {}, rows.map((row) => h('tr', rowProps(row), columns.map((column) =>
      h('td', { className: column.className, testid: column.testid }, column.cell(row)))))));
}

/** A definition list from [term, value] pairs. */
export function facts(pairs, testid) {
  return h('dl', { className: 'facts', testid },
    pairs.flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]));
}

export function badge(text, kind = '') {
  return h('span', { className: `badge ${kind}`.trim() }, text);
}

/** Times as UTC with milliseconds, the way the services log them. */
export function formatTime(value) {
  if (value === null || value === undefined || value === '') return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return date.toISOString().replace('T', ' ').replace('Z', ' UTC');
}

export function formatSeconds(seconds) {
  if (seconds === null || seconds === undefined) return '—';
  if (seconds < 60) return `${Number(seconds.toFixed(seconds < 10 ? 1 : 0))} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

export function formatBytes(bytes) {
  if (bytes === null || bytes === undefined) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

export function formatCount(value) {
  return value === null || value === undefined ? '—' : Number(value).toLocaleString('en-US');
}

/** JSON for reading: indented, as text. */
export function jsonBlock(value, testid) {
  return h('pre', { className: 'json', testid }, JSON.stringify(value, null, 2));
}

/** The state of a connector, task or group, coloured by how healthy it is. */
export function stateBadge(state) {
  const kind = /^(RUNNING|Stable)$/i.test(String(state)) ? 'good'
    : /^(FAILED|Dead|UNASSIGNED)$/i.test(String(state)) ? 'bad' : 'neutral';
  return badge(String(state), kind);
}

/**
 * What went wrong, from an ApiError: status, title and detail of the problem+json, and each
 * broken input rule it names.
 */
export function problemBox(error, testid = 'problem') {
  const problem = error.problem ?? { title: 'Error', detail: error.message };
  const status = error.status ? `${error.status} ` : '';
  return h('div', { className: 'message error', testid, attrs: { role: 'alert' } },
    h('strong', { testid: `${testid}-title` }, `${status}${problem.title ?? 'Error'}`),
    problem.detail ? h('p', { testid: `${testid}-detail` }, problem.detail) : null,
    Array.isArray(problem.errors) && problem.errors.length > 0
      ? h('ul', {}, problem.errors.map((issue) =>
        h('li', {}, `${issue.field}: ${issue.rule} (got ${JSON.stringify(issue.value)})`)))
      : null,
    error.request ? h('p', { className: 'muted' }, error.request) : null);
}

export function notice(text, kind = 'info', testid = undefined) {
  return h('div', { className: `message ${kind}`, testid, attrs: { role: 'status' } }, text);
}

/** Renders the current view again with fresh answers. */
export function refreshButton(ctx) {
  return h('button', { className: 'quiet', testid: 'refresh', attrs: { type: 'button' },
    on: { click: () => ctx.reload() } }, 'Refresh');
}
