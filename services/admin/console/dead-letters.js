// #/dead-letters: the dead letters of every service (filtered by status, group and key) with
// redrive and discard; #/dead-letters/<group>/<id>: one of them in full. Discarding asks for
// the reason the API records with it.

import { getJson, postJson } from './api.js';
import {
  badge, facts, fill, formatCount, formatTime, h, jsonBlock, notice, refreshButton, table,
  viewHref, viewLink,
} from './dom.js';

export const title = 'Dead letters';

const STATUSES = ['open', 'redriven', 'discarded', 'any'];

export function render(ctx) {
  const [group, id] = ctx.params;
  return group !== undefined && id !== undefined ? renderLetter(ctx, group, id)
    : renderList(ctx);
}

async function renderList(ctx) {
  const status = STATUSES.includes(ctx.query.status) ? ctx.query.status : 'open';
  const filter = { status: status === 'any' ? undefined : status,
    group: ctx.query.group || undefined, key: ctx.query.key || undefined };
  const outcome = h('div', { testid: 'action-area' });
  const list = h('div', { testid: 'dead-letters' }, h('p', { className: 'muted' }, 'Loading…'));
  fill(ctx.root,
    h('div', { className: 'heading' }, h('h1', {}, 'Dead letters'), refreshButton(ctx)),
    filterForm(ctx, { status, group: filter.group ?? '', key: filter.key ?? '' }),
    outcome,
    list);

  const load = async () => {
    let answer;
    let parked;
    try {
      [answer, parked] = await Promise.all([getJson(['dead-letters'], filter),
        getJson(['parked-keys'], { group: filter.group })]);
    } catch (error) {
      fill(list, ctx.problem(error));
      return;
    }
    const letters = [...answer.deadLetters].sort((a, b) =>
      Date.parse(b.lastFailureAt) - Date.parse(a.lastFailureAt));
    fill(list,
      unavailableNotice(answer.unavailable),
      h('p', { className: 'muted', testid: 'dead-letters-summary' },
        `${letters.length} dead letters (${status}).`),
      table([
        { title: 'Id', className: 'num', cell: (letter) => viewLink(letter.id,
          ['dead-letters', letter.consumerGroup, letter.id], { testid: 'dead-letter-show' }) },
        { title: 'Group', cell: (letter) => letter.consumerGroup },
        { title: 'Key', cell: (letter) => h('code', {}, letter.key ?? 'null') },
        { title: 'Event', cell: (letter) => letter.eventType ?? '—' },
        { title: 'Error', cell: (letter) => [h('strong', {}, letter.errorClass), h('br'),
          h('span', { className: 'small' }, letter.errorMessage)] },
        { title: 'Attempts', className: 'num', cell: (letter) => letter.attempts },
        { title: 'Last failure', cell: (letter) => formatTime(letter.lastFailureAt) },
        { title: 'Parked behind', className: 'num', cell: (letter) => letter.parkedCount },
        { title: 'Status', testid: 'dead-letter-status',
          cell: (letter) => statusBadge(letter.status) },
        { title: '', className: 'actions', cell: (letter) => actions(ctx, letter, outcome, load) },
      ], letters, { testid: 'dead-letters-table', empty: 'No dead letter matches.',
        rowProps: (letter) => ({ testid: 'dead-letter-row', data: { id: letter.id,
          group: letter.consumerGroup, key: letter.key ?? '', status: letter.status } }) }),
      parkedKeys(parked));
  };
  await load();
}

function filterForm(ctx, values) {
  const status = h('select', { testid: 'filter-status', attrs: { 'aria-label': 'Status' } },
    STATUSES.map((name) => h('option', { attrs: { value: name } }, name)));
  status.value = values.status;
  const group = h('input', { testid: 'filter-group', attrs: { type: 'text',
    placeholder: 'any group', 'aria-label': 'Group' } });
  group.value = values.group;
  const key = h('input', { testid: 'filter-key', attrs: { type: 'text', placeholder: 'any key',
    'aria-label': 'Key' } });
  key.value = values.key;
  const form = h('form', { className: 'filters', testid: 'dead-letter-filters' },
    h('label', {}, 'Status', status), h('label', {}, 'Group', group), h('label', {}, 'Key', key),
    h('button', { attrs: { type: 'submit' } }, 'Filter'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    ctx.navigate(viewHref('dead-letters', { status: status.value, group: group.value.trim(),
      key: key.value.trim() }));
  });
  return form;
}

function unavailableNotice(unavailable) {
  if (!unavailable || unavailable.length === 0) return null;
  return notice(`Not asked, so not listed: ${unavailable.map((entry) =>
    `${entry.service} (${entry.reason})`).join('; ')}.`, 'warning', 'dead-letters-unavailable');
}

function statusBadge(status) {
  return badge(status, status === 'open' ? 'bad' : status === 'redriven' ? 'good' : 'neutral');
}

/**
 * Redrive and discard for an open letter. The outcome (or the API's problem) goes to
 * `outcome`; then `after` reloads what the page shows.
 */
function actions(ctx, letter, outcome, after) {
  if (letter.status !== 'open') return '';
  const path = ['dead-letters', letter.consumerGroup, letter.id];
  const redrive = h('button', { testid: 'redrive', attrs: { type: 'button' } }, 'Redrive');
  const discard = h('button', { testid: 'discard', className: 'quiet',
    attrs: { type: 'button' } }, 'Discard…');
  const reason = h('input', { testid: 'discard-reason', attrs: { type: 'text', required: true,
    maxlength: 500, placeholder: 'why give up on it', 'aria-label': 'Reason' } });
  const reasonForm = h('form', { className: 'reason', testid: 'discard-form',
    attrs: { hidden: true } }, reason,
  h('button', { testid: 'discard-confirm', attrs: { type: 'submit' } }, 'Discard'),
  h('button', { className: 'quiet', attrs: { type: 'button' },
    on: { click: () => { reasonForm.hidden = true; } } }, 'Cancel'));

  const act = async (action, body, describe) => {
    for (const button of [redrive, discard]) button.disabled = true;
    fill(outcome, notice(`${action} dead letter ${letter.id}…`, 'info'));
    try {
      const result = await postJson([...path, action], body);
      fill(outcome, describe(result));
    } catch (error) {
      fill(outcome, ctx.problem(error));
    }
    await after();
  };
  redrive.addEventListener('click', () => act('redrive', {}, (result) => notice(
    result.result === 'failed'
      ? `Dead letter ${result.id} failed again: ${result.error ?? 'no reason given'}. ` +
        'It stays open.'
      : `Dead letter ${result.id} redriven: ${result.result}; ` +
        `${result.followersApplied} parked events applied after it.`,
    result.result === 'failed' ? 'error' : 'success', 'action-result')));
  discard.addEventListener('click', () => {
    reasonForm.hidden = false;
    reason.focus();
  });
  reasonForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = reason.value.trim();
    if (!text) return;
    void act('discard', { reason: text }, (result) => notice(
      `Dead letter ${result.id} ${result.status}; ${result.followersApplied} parked events ` +
      'applied after it.', 'success', 'action-result'));
  });
  return h('div', { className: 'buttons' }, redrive, discard, reasonForm);
}

function parkedKeys(parked) {
  return [h('h2', {}, 'Parked keys'),
    h('p', { className: 'muted' }, 'Events held back because an earlier event of the same key ' +
      'is a dead letter; they are applied once it is redriven or discarded.'),
    table([
      { title: 'Group', cell: (entry) => entry.consumerGroup },
      { title: 'Key', cell: (entry) => h('code', {}, entry.key) },
      { title: 'Events', className: 'num', cell: (entry) => formatCount(entry.count) },
      { title: 'Oldest parked', cell: (entry) => formatTime(entry.oldestParkedAt) },
    ], parked.parkedKeys, { testid: 'parked-keys', empty: 'No key is parked.' })];
}

async function renderLetter(ctx, group, id) {
  const outcome = h('div', { testid: 'action-area' });
  const body = h('div', { testid: 'dead-letter' }, h('p', { className: 'muted' }, 'Loading…'));
  fill(ctx.root,
    h('div', { className: 'heading' },
      h('h1', {}, viewLink('Dead letters', ['dead-letters']), ' / ',
        h('code', {}, `${group} #${id}`)),
      refreshButton(ctx)),
    outcome,
    body);
  const load = async () => {
    let letter;
    try {
      letter = await getJson(['dead-letters', group, id]);
    } catch (error) {
      fill(body, ctx.problem(error));
      return;
    }
    fill(body, facts([
      ['Status', h('span', { testid: 'dead-letter-status' }, statusBadge(letter.status))],
      ['Group', letter.consumerGroup],
      ['Event', `${letter.eventType ?? '—'} (id ${letter.eventId ?? '—'})`],
      ['Key', letter.key === null ? 'null' : [h('code', {}, letter.key), ' · ',
        viewLink('saga of this order', ['saga', letter.key])]],
      ['Message', viewLink(`${letter.topic} partition ${letter.partition} offset ${letter.offset}`,
        ['topics', letter.topic, { partition: letter.partition, offset: letter.offset,
          limit: 1 }])],
      ['Error class', h('strong', { testid: 'dead-letter-error-class' }, letter.errorClass)],
      ['Error', h('pre', { className: 'wrap', testid: 'dead-letter-error' },
        letter.errorMessage)],
      ['Attempts', String(letter.attempts)],
      ['First failure', formatTime(letter.firstFailureAt)],
      ['Last failure', formatTime(letter.lastFailureAt)],
      ['Parked behind it', String(letter.parkedCount)],
      ['Discard reason', letter.discardReason ?? '—'],
      ['Actions', letter.status === 'open' ? actions(ctx, letter, outcome, load)
        : 'none: it is no longer open'],
    ], 'dead-letter-facts'),
    h('details', {}, h('summary', {}, 'As the API answers it'), jsonBlock(letter)));
  };
  await load();
}
