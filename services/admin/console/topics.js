// #/topics: every topic with its partitions and sizes; #/topics/<topic>: its messages, the
// Avro value decoded through the registry and every header shown.

import { getJson } from './api.js';
import {
  badge, fill, formatCount, formatTime, h, jsonBlock, notice, refreshButton, table, viewHref,
  viewLink,
} from './dom.js';

export const title = 'Topics';

export function render(ctx) {
  const [topic] = ctx.params;
  return topic === undefined ? renderTopics(ctx) : renderMessages(ctx, topic);
}

async function renderTopics(ctx) {
  const showInternal = ctx.query.internal === '1';
  const { topics } = await getJson(['topics']);
  const shown = topics.filter((entry) => showInternal || !entry.internal)
    .sort((a, b) => Number(a.internal) - Number(b.internal) || a.topic.localeCompare(b.topic));
  fill(ctx.root,
    h('div', { className: 'heading' }, h('h1', {}, 'Topics'), refreshButton(ctx)),
    h('p', { className: 'muted' }, `${shown.length} of ${topics.length} topics. `,
      viewLink(showInternal ? 'Hide internal topics' : 'Show internal topics',
        ['topics', showInternal ? {} : { internal: 1 }])),
    table([
      { title: 'Topic', cell: (entry) => viewLink(entry.topic, ['topics', entry.topic],
        { testid: 'topic-link' }) },
      { title: 'Partitions', className: 'num', cell: (entry) => entry.partitions.length },
      { title: 'Messages', className: 'num', testid: 'topic-messages',
        cell: (entry) => formatCount(entry.messages) },
      { title: 'Offsets per partition (low – end)', className: 'offsets',
        cell: (entry) => entry.partitions.map((p) => `${p.partition}: ${p.lowOffset} – ` +
          `${p.endOffset}`).join(' · ') },
      { title: '', cell: (entry) => (entry.internal ? badge('internal') : '') },
    ], shown, { testid: 'topics-table',
      rowProps: (entry) => ({ testid: 'topic-row', data: { topic: entry.topic } }) }));
}

const QUERY_FIELDS = [
  { name: 'key', label: 'Key', placeholder: 'an order id', type: 'text' },
  { name: 'partition', label: 'Partition', placeholder: 'any', type: 'number' },
  { name: 'offset', label: 'From offset', placeholder: 'latest', type: 'number' },
  { name: 'timestamp', label: 'From time', placeholder: '2026-01-01T00:00:00Z', type: 'text' },
  { name: 'limit', label: 'At most', placeholder: '20', type: 'number' },
];

async function renderMessages(ctx, topic) {
  const query = Object.fromEntries(QUERY_FIELDS.map((field) => [field.name,
    ctx.query[field.name] ?? '']));
  if (!query.limit) query.limit = '20';
  const results = h('div', { testid: 'messages' }, h('p', { className: 'muted' }, 'Reading…'));
  fill(ctx.root,
    h('div', { className: 'heading' },
      h('h1', {}, viewLink('Topics', ['topics']), ' / ', h('code', {}, topic)),
      refreshButton(ctx)),
    queryForm(ctx, topic, query),
    results);
  let answer;
  try {
    answer = await getJson(['topics', topic, 'messages'], query);
  } catch (error) {
    fill(results, ctx.problem(error));
    return;
  }
  const partitions = answer.partitions.length === 1 ? 'partition' : 'partitions';
  fill(results,
    h('p', { className: 'muted', testid: 'messages-summary' },
      `${answer.messages.length} messages (${answer.mode}, ${partitions} ` +
      `${answer.partitions.join(', ')}).`),
    answer.messages.length === 0 ? notice('No message matches.', 'info', 'messages-empty')
      : answer.messages.map(messageCard));
}

function queryForm(ctx, topic, query) {
  const inputs = {};
  const form = h('form', { className: 'filters', testid: 'messages-form' },
    QUERY_FIELDS.map((field) => {
      inputs[field.name] = h('input', { testid: `messages-${field.name}`,
        attrs: { type: field.type, placeholder: field.placeholder, min: field.type === 'number'
          ? 0 : undefined, 'aria-label': field.label } });
      inputs[field.name].value = query[field.name];
      return h('label', {}, field.label, inputs[field.name]);
    }),
    h('button', { attrs: { type: 'submit' }, testid: 'messages-submit' }, 'Read'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = Object.fromEntries(Object.entries(inputs)
      .map(([name, input]) => [name, input.value.trim()]));
    ctx.navigate(viewHref('topics', topic, next));
  });
  return form;
}

function messageCard(message) {
  const { value } = message;
  const orderId = value?.payload?.orderId;
  return h('article', { className: 'card', testid: 'message', data: {
    partition: message.partition, offset: message.offset, key: message.key ?? '',
    eventType: value?.eventType ?? '' } },
  h('header', { className: 'card-head' },
    badge(`partition ${message.partition}`), badge(`offset ${message.offset}`),
    h('span', { className: 'muted' }, formatTime(message.timestamp)),
    h('span', {}, 'key ', h('code', { testid: 'message-key' }, message.key ?? 'null')),
    value ? h('strong', { testid: 'message-event-type' }, value.eventType) : null,
    value ? h('span', { className: 'muted' }, `schema ${value.schemaId}`) : null,
    typeof orderId === 'string' ? viewLink('saga of this order', ['saga', orderId]) : null),
  h('div', { className: 'columns' },
    h('section', {}, h('h3', {}, 'Headers'), headersTable(message.headers)),
    h('section', {}, h('h3', {}, 'Value'), valueBlock(message))));
}

function headersTable(headers) {
  const rows = Object.entries(headers ?? {});
  return table([
    { title: 'Header', cell: ([name]) => h('code', {}, name) },
    { title: 'Value', cell: ([, text]) => (text === null ? h('em', {}, 'null') : text) },
  ], rows, { testid: 'message-headers', empty: 'No headers.',
    rowProps: ([name]) => ({ data: { header: name } }) });
}

function valueBlock(message) {
  if (message.value) return jsonBlock(message.value.payload, 'message-payload');
  if (message.undecodable) {
    return [notice(`Not decodable: ${message.undecodable.reason}`, 'warning',
      'message-undecodable'), h('pre', { className: 'json' },
      message.undecodable.base64 ?? 'null')];
  }
  return notice('No value (a tombstone).');
}
