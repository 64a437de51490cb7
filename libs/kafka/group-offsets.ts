import { Admin } from 'kafkajs';

/** Where one consumer group stands on one partition. */
export interface PartitionProgress {
  topic: string;
  partition: number;
  lowOffset: string;
  endOffset: string;
  /** Null when the group committed nothing here; `earliest` for kafkajs' marker -2. */
  committedOffset: string | null;
  /** Messages from where the group resumes (the low offset when it has no commit) to the end. */
  lagMessages: number;
}

export interface OffsetAssignment {
  topic: string;
  partition: number;
  offset: string;
}

/** The low and end offsets of every partition of a topic. */
export async function topicWatermarks(admin: Admin, topic: string) {
  const offsets = await admin.fetchTopicOffsets(topic);
  return offsets
    .map((entry) => ({ partition: entry.partition, low: entry.low, high: entry.high }))
    .sort((a, b) => a.partition - b.partition);
}

/** Committed, low and end offsets and the lag of a group on every partition of `topics`. */
export async function readGroupProgress(admin: Admin, groupId: string, topics: string[]) {
  if (topics.length === 0) return [];
  const committed = await admin.fetchOffsets({ groupId, topics });
  const progress: PartitionProgress[] = [];
  for (const topic of topics) {
    const commits = committed.find((entry) => entry.topic === topic)?.partitions ?? [];
    for (const mark of await topicWatermarks(admin, topic)) {
      const offset = commits.find((entry) => entry.partition === mark.partition)?.offset ?? '-1';
      progress.push(partitionProgress(topic, mark, offset));
    }
  }
  return progress;
}

function partitionProgress(topic: string,
  mark: { partition: number; low: string; high: string }, offset: string): PartitionProgress {
  const committedOffset = offset === '-2' ? 'earliest' : Number(offset) < 0 ? null : offset;
  const resumeAt = Math.max(Number(mark.low), Number(committedOffset ?? mark.low) || 0);
  return { topic, partition: mark.partition, lowOffset: mark.low, endOffset: mark.high,
    committedOffset, lagMessages: Math.max(0, Number(mark.high) - resumeAt) };
}

export interface GroupState {
  state: string;
  memberCount: number;
}

/** `Empty` or `Dead` groups have no members: the only states in which offsets may be set. */
export async function readGroupState(admin: Admin, groupId: string): Promise<GroupState> {
  const { groups } = await admin.describeGroups([groupId]);
  const group = groups[0];
  return { state: group?.state ?? 'Dead', memberCount: group?.members.length ?? 0 };
}

export function hasActiveMembers(group: GroupState): boolean {
  return group.memberCount > 0 || !['Empty', 'Dead'].includes(group.state);
}

/** Commits the given offsets for a group with no members, one call per topic. */
export async function commitGroupOffsets(admin: Admin, groupId: string,
  assignments: OffsetAssignment[]): Promise<void> {
  const topics = [...new Set(assignments.map((entry) => entry.topic))];
  for (const topic of topics) {
    const partitions = assignments.filter((entry) => entry.topic === topic)
      .map((entry) => ({ partition: entry.partition, offset: entry.offset }));
    await admin.setOffsets({ groupId, topic, partitions });
  }
}
