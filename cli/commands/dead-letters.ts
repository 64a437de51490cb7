import { Command, Option } from 'commander';
import { AdminClient, apiPath } from '../admin-client';
import {
  DeadLetter,
  DiscardResult,
  ParkedKey,
  RedriveResult,
  Unavailable,
} from '../api-types';
import { contextOf, usageError } from '../cli-context';
import { Output } from '../output';
import { fields, table } from '../render/table';
import { cut, plural, printable } from '../render/values';

/** A redrive that failed again leaves the letter open: a failure a script must see. */
class RedriveFailedError extends Error {}

const groupArgument = ['<GROUP>', 'the consumer group that could not apply the event'] as const;
const idArgument = ['<ID>', 'the dead letter\'s id (sagactl dlq list shows it)'] as const;

export function deadLettersCommand(out: Output): Command {
  return new Command('dlq')
    .summary('Dead letters: list, show, redrive, discard, parked keys')
    .description('Dead letters: events a consumer group could not apply, with the events ' +
      'parked behind them')
    .addCommand(listCommand(out))
    .addCommand(showCommand(out))
    .addCommand(redriveCommand(out))
    .addCommand(discardCommand(out))
    .addCommand(parkedCommand(out));
}

function listCommand(out: Output): Command {
  return new Command('list')
    .summary('Dead letters with error and attempts')
    .description('List dead letters of every group (or one) with their error and attempts')
    .option('-g, --group <group>', 'only this consumer group')
    .addOption(new Option('-s, --status <status>', 'only dead letters in this state')
      .choices(['open', 'redriven', 'discarded']))
    .option('-k, --key <key>', 'only dead letters of this message key')
    .action(async (options: { group?: string; status?: string; key?: string }, command) => {
      const { client, json } = contextOf(command);
      const answer = await client.get<{ deadLetters: DeadLetter[]; unavailable: Unavailable }>(
        '/dead-letters', { group: options.group, status: options.status, key: options.key });
      if (json) return out.json(answer.text);
      out.line(table(['GROUP', 'ID', 'STATUS', 'EVENT', 'KEY', 'AT', 'ATTEMPTS',
        'LAST FAILURE', 'ERROR', 'PARKED'], answer.body.deadLetters.map((d) => [
        d.consumerGroup, d.id, d.status, d.eventType, shownKey(d.key),
        `${d.topic}/${d.partition}@${d.offset}`, d.attempts, d.lastFailureAt,
        cut(`${d.errorClass}: ${d.errorMessage}`, 60), d.parkedCount])));
      warnUnavailable(out, answer.body.unavailable, 'dead letters');
    });
}

function showCommand(out: Output): Command {
  return new Command('show')
    .summary('One dead letter in full')
    .description('Show one dead letter in full: message, error, attempts, parked events')
    .argument(...groupArgument)
    .argument(...idArgument)
    .action(async (group: string, id: string, _options, command) => {
      const { client, json } = contextOf(command);
      const answer = await client.get<DeadLetter>(apiPath`/dead-letters/${group}/${id}`);
      if (json) return out.json(answer.text);
      const d = answer.body;
      out.line(fields([['id', d.id], ['group', d.consumerGroup], ['status', d.status],
        ['topic', d.topic], ['partition', d.partition], ['offset', d.offset],
        ['key', shownKey(d.key)], ['event id', d.eventId], ['event type', d.eventType],
        ['error class', d.errorClass], ['error', d.errorMessage], ['attempts', d.attempts],
        ['first failure', d.firstFailureAt], ['last failure', d.lastFailureAt],
        ['parked behind', d.parkedCount], ['discard reason', d.discardReason],
        ['headers', d.headers ? JSON.stringify(d.headers) : null]]));
    });
}

function redriveCommand(out: Output): Command {
  return new Command('redrive')
    .summary('Apply a dead letter again, or those matching a filter')
    .description('Apply a dead letter again (the events parked behind it follow), or every ' +
      'open one of the group that matches --key, --event-type or --error-class')
    .argument(...groupArgument)
    .argument('[ID]', 'the dead letter\'s id; leave out to redrive by filter')
    .option('-k, --key <key>', 'without ID: the open dead letters of this key')
    .option('--event-type <type>', 'without ID: the open dead letters of this event type')
    .option('--error-class <class>', 'without ID: the open dead letters with this error')
    .addHelpText('after', '\nExits 1 when a dead letter fails again; it stays open.')
    .action(async (group: string, id: string | undefined,
      filter: { key?: string; eventType?: string; errorClass?: string }, command) => {
      const hasFilter = Object.values(filter).some((value) => value !== undefined);
      if (id !== undefined && hasFilter) {
        usageError(command, 'give either an ID or filter options, not both');
      }
      if (id === undefined && !hasFilter) {
        usageError(command, 'give an ID, or at least one of --key, --event-type, --error-class');
      }
      const { client, json } = contextOf(command);
      const results = id === undefined
        ? await redriveMatching(out, client, group, filter, json)
        : [await redriveOne(out, client, group, id, json)];
      const failed = results.filter((r) => r.result === 'failed');
      if (failed.length > 0) {
        throw new RedriveFailedError(`${plural(failed.length, 'dead letter')} of ${group} ` +
          `failed again and stayed open (${failed.map((r) => r.id).join(', ')}); ` +
          `see sagactl dlq show ${group} ${failed[0]!.id}`);
      }
    });
}

async function redriveOne(out: Output, client: AdminClient,
  group: string, id: string, json: boolean): Promise<RedriveResult> {
  const answer = await client.post<RedriveResult>(apiPath`/dead-letters/${group}/${id}/redrive`);
  if (json) out.json(answer.text);
  else out.line(redriveLine(group, answer.body));
  return answer.body;
}

async function redriveMatching(out: Output, client: AdminClient,
  group: string, filter: object, json: boolean): Promise<RedriveResult[]> {
  const answer = await client.post<{ results: RedriveResult[] }>(
    apiPath`/dead-letters/${group}/redrive`, filter);
  if (json) out.json(answer.text);
  else if (answer.body.results.length === 0) out.line(`no open dead letter of ${group} matches`);
  else answer.body.results.forEach((result) => out.line(redriveLine(group, result)));
  return answer.body.results;
}

function redriveLine(group: string, result: RedriveResult): string {
  const outcome = result.result === 'failed'
    ? `failed again${result.error ? `: ${cut(result.error, 200)}` : ''}`
    : `${result.result.replace('_', ' ')}; ${plural(result.followersApplied, 'parked event')} ` +
      'applied after it';
  return `dead letter ${result.id} of ${group}: ${outcome}`;
}

function discardCommand(out: Output): Command {
  return new Command('discard')
    .summary('Give up on a dead letter, with a reason')
    .description('Give up on a dead letter, with a reason kept beside it; the events parked ' +
      'behind it are applied')
    .argument(...groupArgument)
    .argument(...idArgument)
    .requiredOption('-r, --reason <text>', 'why it is given up (1 to 500 characters, blanks ' +
      'around it trimmed)')
    .action(async (group: string, id: string, options: { reason: string }, command) => {
      // Trimmed and counted as the API does: blanks alone say nothing.
      const reason = options.reason.trim();
      if (reason.length < 1 || reason.length > 500) {
        usageError(command, '--reason must be 1 to 500 characters once the blanks around it ' +
          'are trimmed');
      }
      const { client, json } = contextOf(command);
      const answer = await client.post<DiscardResult>(
        apiPath`/dead-letters/${group}/${id}/discard`, { reason });
      if (json) return out.json(answer.text);
      out.line(`dead letter ${answer.body.id} of ${group}: ${answer.body.status}; ` +
        `${plural(answer.body.followersApplied, 'parked event')} applied after it`);
    });
}

function parkedCommand(out: Output): Command {
  return new Command('parked')
    .summary('Keys held back behind a dead letter')
    .description('List the keys held back behind a dead letter, with counts and age')
    .option('-g, --group <group>', 'only this consumer group')
    .action(async (options: { group?: string }, command) => {
      const { client, json } = contextOf(command);
      const answer = await client.get<{ parkedKeys: ParkedKey[]; unavailable: Unavailable }>(
        '/parked-keys', { group: options.group });
      if (json) return out.json(answer.text);
      out.line(table(['GROUP', 'KEY', 'PARKED', 'OLDEST'], answer.body.parkedKeys.map((k) =>
        [k.consumerGroup, printable(k.key), k.count, k.oldestParkedAt])));
      warnUnavailable(out, answer.body.unavailable, 'parked keys');
    });
}

/** A partial list is still worth showing; stderr says whose part is missing. */
function warnUnavailable(out: Output, unavailable: Unavailable, what: string): void {
  for (const entry of unavailable) {
    out.error(`warning: the ${entry.service} service did not answer (${entry.reason}); ` +
      `its ${what} are not listed`);
  }
}

/** Keys are bytes from the wire; none may act on the terminal. */
function shownKey(key: string | null): string | null {
  return key === null ? null : printable(key);
}
