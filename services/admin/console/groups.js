// #/groups: every consumer group with its state and lag, in messages and in seconds (the age
// of the oldest event it has not consumed); #/groups/<group>: its partitions and members.

import { getJson } from './api.js';
import {
  facts, fill, formatCount, formatSeconds, h, refreshButton, stateBadge, table, viewLink,
} from './dom.js';

export const title = 'Consumer groups';

export function render(ctx) {
  const [group] = ctx.params;
  return group === undefined ? renderGroups(ctx) : renderGroup(ctx, group);
}

async function renderGroups(ctx) {
  const { groups } = await getJson(['consumer-groups']);
  const sorted = [...groups].sort((a, b) => a.group.localeCompare(b.group));
  const behind = sorted.filter((entry) => entry.lagMessages > 0).length;
  fill(ctx.root,
    h('div', { className: 'heading' }, h('h1', {}, 'Consumer groups'), refreshButton(ctx)),
    h('p', { className: 'muted' }, `${sorted.length} groups, ${behind} behind. Lag in seconds ` +
      'is the age of the oldest event a group has not consumed yet.'),
    table([
      { title: 'Group', cell: (entry) => viewLink(entry.group, ['groups', entry.group],
        { testid: 'group-link' }) },
      { title: 'State', cell: (entry) => stateBadge(entry.state) },
      { title: 'Members', className: 'num', cell: (entry) => entry.memberCount },
      { title: 'Lag (messages)', className: 'num', testid: 'group-lag-messages',
        cell: (entry) => formatCount(entry.lagMessages) },
      { title: 'Lag (seconds)', className: 'num', testid: 'group-lag-seconds',
        cell: (entry) => formatSeconds(entry.lagSeconds) },
      { title: 'Topics', cell: (entry) => entry.topics.join(', ') },
    ], sorted, { testid: 'groups-table', empty: 'No consumer group.',
      rowProps: (entry) => ({ testid: 'group-row', className: entry.lagMessages > 0
        ? 'lagging' : '', data: { group: entry.group, lagMessages: entry.lagMessages,
        lagSeconds: entry.lagSeconds ?? '' } }) }));
}

async function renderGroup(ctx, group) {
  const view = await getJson(['consumer-groups', group]);
  fill(ctx.root,
    h('div', { className: 'heading' },
      h('h1', {}, viewLink('Consumer groups', ['groups']), ' / ', h('code', {}, view.group)),
      refreshButton(ctx)),
    facts([
      ['State', stateBadge(view.state)],
      ['Members', String(view.members.length)],
      ['Lag (messages)', formatCount(view.lagMessages)],
      ['Lag (seconds)', formatSeconds(view.lagSeconds)],
      ['Dead letters', viewLink('open dead letters of this group',
        ['dead-letters', { group: view.group }])],
    ], 'group-facts'),
    h('h2', {}, 'Partitions'),
    table([
      { title: 'Topic', cell: (p) => viewLink(p.topic, ['topics', p.topic]) },
      { title: 'Partition', className: 'num', cell: (p) => p.partition },
      { title: 'Low', className: 'num', cell: (p) => p.lowOffset },
      { title: 'Committed', className: 'num', cell: (p) => p.committedOffset ?? '—' },
      { title: 'End', className: 'num', cell: (p) => p.endOffset },
      { title: 'Lag (messages)', className: 'num', testid: 'partition-lag-messages',
        cell: (p) => formatCount(p.lagMessages) },
      { title: 'Lag (seconds)', className: 'num', testid: 'partition-lag-seconds',
        cell: (p) => formatSeconds(p.lagSeconds) },
    ], view.partitions, { testid: 'group-partitions', empty: 'No committed partition.',
      rowProps: (p) => ({ testid: 'partition-row', className: p.lagMessages > 0
        ? 'lagging' : '', data: { topic: p.topic, partition: p.partition } }) }),
    h('h2', {}, 'Members'),
    table([
      { title: 'Client', cell: (m) => m.clientId },
      { title: 'Host', cell: (m) => m.clientHost },
      { title: 'Assigned', cell: (m) => (m.assignment ?? []).map((a) =>
        `${a.topic} [${a.partitions.join(', ')}]`).join(' · ') },
      { title: 'Member id', cell: (m) => h('code', { className: 'small' }, m.memberId) },
    ], view.members, { testid: 'group-members', empty: 'No member: nobody consumes now.' }));
}
