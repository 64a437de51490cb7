// #/cdc: change data capture's two ends. The replication slots Postgres keeps WAL for (and how
// much), and the Kafka Connect connectors reading them, with each task's state and error.

import { getJson } from './api.js';
import {
  badge, fill, formatBytes, h, refreshButton, stateBadge, table,
} from './dom.js';

export const title = 'Slots & connectors';

export async function render(ctx) {
  const slots = h('section', { testid: 'slots' }, h('p', { className: 'muted' }, 'Loading…'));
  const connectors = h('section', { testid: 'connectors' },
    h('p', { className: 'muted' }, 'Loading…'));
  fill(ctx.root,
    h('div', { className: 'heading' }, h('h1', {}, 'Slots & connectors'), refreshButton(ctx)),
    h('h2', {}, 'Replication slots'),
    h('p', { className: 'muted' }, 'Lag is the WAL written since the slot\'s reader last ' +
      'confirmed: what Postgres must keep on disk for it.'),
    slots,
    h('h2', {}, 'Connectors'),
    connectors);
  await Promise.all([
    show(ctx, slots, getJson(['replication-slots']), (answer) => slotTable(answer.slots)),
    show(ctx, connectors, getJson(['connectors']),
      (answer) => connectorTable(answer.connectors)),
  ]);
}

/** Each half shows its own answer or its own problem; one failing does not hide the other. */
async function show(ctx, section, request, draw) {
  try {
    fill(section, draw(await request));
  } catch (error) {
    fill(section, ctx.problem(error));
  }
}

function slotTable(slots) {
  return table([
    { title: 'Slot', cell: (slot) => h('code', {}, slot.slot) },
    { title: 'Database', cell: (slot) => slot.database ?? '—' },
    { title: 'Plugin', cell: (slot) => slot.plugin ?? '—' },
    { title: 'Active', testid: 'slot-active', cell: (slot) =>
      badge(slot.active ? 'active' : 'inactive', slot.active ? 'good' : 'bad') },
    { title: 'Restart LSN', cell: (slot) => slot.restartLsn ?? '—' },
    { title: 'Confirmed LSN', cell: (slot) => slot.confirmedFlushLsn ?? '—' },
    { title: 'Lag', className: 'num', testid: 'slot-lag', cell: (slot) =>
      formatBytes(slot.lagBytes) },
  ], slots, { testid: 'slots-table', empty: 'No replication slot.',
    rowProps: (slot) => ({ testid: 'slot-row', className: slot.active ? '' : 'lagging',
      data: { slot: slot.slot, active: slot.active, lagBytes: slot.lagBytes ?? '' } }) });
}

function connectorTable(connectors) {
  return table([
    { title: 'Connector', cell: (c) => h('code', {}, c.connector) },
    { title: 'Type', cell: (c) => c.type ?? '—' },
    { title: 'State', testid: 'connector-state', cell: (c) => stateBadge(c.state) },
    { title: 'Worker', cell: (c) => c.workerId ?? '—' },
    { title: 'Tasks', cell: (c) => taskList(c.tasks) },
  ], connectors, { testid: 'connectors-table', empty: 'No connector.',
    rowProps: (c) => ({ testid: 'connector-row', data: { connector: c.connector,
      state: c.state } }) });
}

function taskList(tasks) {
  if (tasks.length === 0) return h('em', {}, 'no task');
  return h('ul', { className: 'tasks' }, tasks.map((task) =>
    h('li', { testid: 'connector-task', data: { task: task.task, state: task.state } },
      `task ${task.task} `, stateBadge(task.state),
      task.workerId ? h('span', { className: 'muted' }, ` on ${task.workerId}`) : null,
      task.error ? h('pre', { className: 'wrap small' }, task.error) : null)));
}
