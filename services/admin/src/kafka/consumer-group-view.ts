import { Admin, AssignerProtocol, MemberDescription } from 'kafkajs';
import { HttpProblemError } from '../../../../libs/http/error-handler';
import {
  CONSUMER_GROUPS,
  ConsumerGroup,
  GROUP_TOPICS,
} from '../../../../libs/kafka/consumer-groups';
import { PartitionProgress, readGroupProgress } from '../../../../libs/kafka/group-offsets';
import { MessageTimestamps } from './message-timestamps';

/** Throwaway groups of browsing tools: never shown, never exported. */
const TOOL_GROUP_PREFIX = 'tool.';

export interface GroupPartition extends PartitionProgress {
  /** Age of the oldest event the group has not consumed; 0 when caught up. */
  lagSeconds: number | null;
}

export interface GroupMember {
  memberId: string;
  clientId: string;
  clientHost: string;
  assignment: { topic: string; partitions: number[] }[];
}

export interface GroupView {
  group: string;
  state: string;
  members: GroupMember[];
  lagMessages: number;
  lagSeconds: number | null;
  partitions: GroupPartition[];
}

/** The platform's groups and every other consumer group the broker knows, tools left out. */
export async function listGroupNames(admin: Admin): Promise<string[]> {
  const { groups } = await admin.listGroups();
  const listed = groups.filter((group) => group.protocolType === 'consumer' &&
    !group.groupId.startsWith(TOOL_GROUP_PREFIX)).map((group) => group.groupId);
  return [...new Set([...CONSUMER_GROUPS, ...listed])].sort();
}

/** 404 unless the broker knows the group or it is one of the platform's. */
export async function requireGroup(admin: Admin, group: string): Promise<void> {
  if ((await listGroupNames(admin)).includes(group)) return;
  const committed = await admin.fetchOffsets({ groupId: group });
  if (committed.length > 0) return;
  throw new HttpProblemError(404, 'consumer-group-not-found', 'Consumer group not found',
    `the broker knows no consumer group named ${JSON.stringify(group)}`);
}

/** Members, state, and per partition committed and end offsets with lag in messages and time. */
export async function viewGroups(admin: Admin, timestamps: MessageTimestamps, names: string[]):
  Promise<GroupView[]> {
  const { groups } = names.length === 0 ? { groups: [] } : await admin.describeGroups(names);
  // A group may keep offsets of a topic deleted since; reading that topic would only fail.
  const existing = new Set(await admin.listTopics());
  const described = await Promise.all(names.map(async (group) => {
    const description = groups.find((entry) => entry.groupId === group);
    const members = (description?.members ?? []).map(memberView);
    const committed = (await admin.fetchOffsets({ groupId: group })).map((entry) => entry.topic);
    const known = GROUP_TOPICS[group as ConsumerGroup] ?? [];
    const topics = [...new Set([...committed, ...known,
      ...members.flatMap((member) => member.assignment.map((entry) => entry.topic))])]
      .filter((topic) => existing.has(topic)).sort();
    return { group, state: description?.state ?? 'Dead', members,
      progress: await readGroupProgress(admin, group, topics) };
  }));
  const all = await withLagSeconds(timestamps, described.flatMap((entry) => entry.progress));
  let next = 0;
  return described.map(({ group, state, members, progress }) => {
    const partitions = all.slice(next, (next += progress.length));
    return { group, state, members, partitions,
      lagMessages: partitions.reduce((sum, entry) => sum + entry.lagMessages, 0),
      lagSeconds: maxOrNull(partitions.map((entry) => entry.lagSeconds)) };
  });
}

export async function withLagSeconds(timestamps: MessageTimestamps,
  progress: PartitionProgress[], now = Date.now()): Promise<GroupPartition[]> {
  const refs = progress.filter((entry) => entry.lagMessages > 0).map((entry) => ({
    topic: entry.topic, partition: entry.partition, offset: resumeOffset(entry) }));
  const found = await timestamps.timestampsAt(refs);
  return progress.map((entry) => {
    if (entry.lagMessages === 0) return { ...entry, lagSeconds: 0 };
    const at = timestamps.timestampOf(found, { topic: entry.topic, partition: entry.partition,
      offset: resumeOffset(entry) });
    return { ...entry, lagSeconds: at === undefined ? null : Math.max(0, (now - at) / 1000) };
  });
}

/** Where the group's next read starts: its commit, or the low offset without one. */
export function resumeOffset(entry: PartitionProgress): number {
  const low = Number(entry.lowOffset);
  return Math.max(low, Number(entry.committedOffset) || low);
}

function memberView(member: MemberDescription): GroupMember {
  let assignment: GroupMember['assignment'] = [];
  try {
    const decoded = AssignerProtocol.MemberAssignment.decode(member.memberAssignment);
    assignment = Object.entries(decoded?.assignment ?? {})
      .map(([topic, partitions]) => ({ topic, partitions: [...partitions].sort((a, b) => a - b) }));
  } catch {
    // A member of another protocol (Connect's workers) carries no consumer assignment.
  }
  return { memberId: member.memberId, clientId: member.clientId, clientHost: member.clientHost,
    assignment };
}

function maxOrNull(values: (number | null)[]): number | null {
  const known = values.filter((value): value is number => value !== null);
  return known.length === 0 ? null : Math.max(...known);
}
