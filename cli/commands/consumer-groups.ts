import { Command } from 'commander';
import { AdminApiError, AdminClient, apiPath } from '../admin-client';
import { GroupSummary, GroupView } from '../api-types';
import { contextOf } from '../cli-context';
import { Output } from '../output';
import { Cell, table } from '../render/table';
import { plural, seconds } from '../render/values';

/** Groups read at once when `lag` shows them all: enough to be quick, few enough for Kafka. */
const PARALLEL_READS = 4;

export function groupsCommand(out: Output): Command {
  return new Command('groups')
    .summary('Consumer groups with state, members and total lag')
    .description('List consumer groups with their state, members, topics and total lag')
    .action(async (_options, command) => {
      const { client, json } = contextOf(command);
      const answer = await client.get<{ groups: GroupSummary[] }>('/consumer-groups');
      if (json) return out.json(answer.text);
      out.line(table(['GROUP', 'STATE', 'MEMBERS', 'LAG', 'LAG (S)', 'TOPICS'],
        answer.body.groups.map((g) => [g.group, g.state, g.memberCount, g.lagMessages,
          seconds(g.lagSeconds), g.topics.join(',')])));
    });
}

export function lagCommand(out: Output): Command {
  return new Command('lag')
    .summary('Per partition offsets and lag of a group, or of every group')
    .description('Per partition of a group (or of every group): committed, low and end ' +
      'offsets, lag in messages and in seconds (age of the oldest unread event), and the ' +
      'member reading it')
    .argument('[GROUP]', 'the consumer group; every group when left out')
    .addHelpText('after', `
With --json and a GROUP, the body of GET /consumer-groups/{group} as it is; without a GROUP,
{"groups": [...]} holding that body for every group.

Examples:
  sagactl lag inventory.saga
  sagactl lag inventory.saga --json | jq '.partitions[] | select(.lagMessages > 0)'`)
    .action(async (group: string | undefined, _options, command) => {
      const { client, json } = contextOf(command);
      if (group) {
        const answer = await client.get<GroupView>(apiPath`/consumer-groups/${group}`);
        if (json) return out.json(answer.text);
        out.line(groupHeading(answer.body));
        out.line(table(['TOPIC', 'PARTITION', 'COMMITTED', 'LOW', 'END', 'LAG', 'LAG (S)',
          'MEMBER'], partitionRows(answer.body)));
        return;
      }
      const views = await everyGroup(client);
      if (json) return out.json(JSON.stringify({ groups: views }));
      out.line(table(['GROUP', 'TOPIC', 'PARTITION', 'COMMITTED', 'LOW', 'END', 'LAG',
        'LAG (S)', 'MEMBER'], views.flatMap((view) =>
        partitionRows(view).map((row) => [view.group, ...row]))));
    });
}

function groupHeading(view: GroupView): string {
  return `${view.group}  ${view.state}  ${plural(view.members.length, 'member')}  ` +
    `lag ${plural(view.lagMessages, 'message')}, ${seconds(view.lagSeconds)} s`;
}

function partitionRows(view: GroupView): Cell[][] {
  return view.partitions.map((p) => [p.topic, p.partition, p.committedOffset, p.lowOffset,
    p.endOffset, p.lagMessages, seconds(p.lagSeconds), readerOf(view, p.topic, p.partition)]);
}

/** The client id of the member the partition is assigned to, if any member has it. */
function readerOf(view: GroupView, topic: string, partition: number): string | null {
  const member = view.members.find((m) => m.assignment.some((a) => a.topic === topic &&
    a.partitions.includes(partition)));
  return member ? member.clientId : null;
}

/** Every listed group's view; one deleted in between (404) is left out, not an error. */
async function everyGroup(client: AdminClient): Promise<GroupView[]> {
  const names = (await client.get<{ groups: GroupSummary[] }>('/consumer-groups')).body.groups
    .map((g) => g.group);
  const views: (GroupView | null)[] = new Array(names.length).fill(null);
  let next = 0;
  const worker = async () => {
    while (next < names.length) {
      const index = next++;
      try {
        views[index] = (await client.get<GroupView>(
          apiPath`/consumer-groups/${names[index]!}`)).body;
      } catch (error) {
        if (!(error instanceof AdminApiError && error.status === 404)) throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_READS }, worker));
  return views.filter((view): view is GroupView => view !== null);
}
