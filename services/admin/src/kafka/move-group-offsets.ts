import { Admin, Kafka } from 'kafkajs';
import { HttpProblemError } from '../../../../libs/http/error-handler';
import {
  commitGroupOffsets,
  hasActiveMembers,
  readGroupProgress,
  readGroupState,
} from '../../../../libs/kafka/group-offsets';
import {
  GroupPosition,
  OffsetMove,
  PartitionState,
  planOffsetMoves,
} from '../domain/plan-offset-moves';
import { listGroupNames, requireGroup } from './consumer-group-view';
import { requireTopic } from './topic-catalog';
import { withAdmin } from './with-admin';

export interface OffsetReset {
  group: string;
  topics?: string[];
  position: GroupPosition;
  apply: boolean;
}

export interface OffsetResetResult {
  group: string;
  dryRun: boolean;
  state: string;
  partitions: OffsetMove[];
}

/**
 * Moves a group's offsets, or only shows where they would go (the default). Applying is
 * refused while the group has members: Kafka would reject the commit, and a running member
 * would overwrite it with its own position anyway.
 */
export function resetGroupOffsets(kafka: Kafka, reset: OffsetReset): Promise<OffsetResetResult> {
  return withAdmin(kafka, async (admin) => {
    await requireGroup(admin, reset.group);
    const topics = reset.topics ?? (await admin.fetchOffsets({ groupId: reset.group }))
      .map((entry) => entry.topic);
    if (topics.length === 0) {
      throw new HttpProblemError(400, 'topics-required', 'Topics required',
        `consumer group ${reset.group} has committed no offsets; name the topics to reset`);
    }
    const moves = planOffsetMoves(reset.position,
      await partitionStates(admin, reset.group, topics, reset.position));
    const group = await readGroupState(admin, reset.group);
    if (!reset.apply) {
      return { group: reset.group, dryRun: true, state: group.state, partitions: moves };
    }
    if (hasActiveMembers(group)) {
      throw new HttpProblemError(409, 'group-has-members', 'Consumer group is active',
        `consumer group ${reset.group} has ${group.memberCount} active member(s) (state ` +
        `${group.state}); stop its consumers before applying a reset, or leave apply out for ` +
        'a dry run');
    }
    await commitGroupOffsets(admin, reset.group, moves.map(toAssignment));
    return { group: reset.group, dryRun: false, state: group.state, partitions: moves };
  });
}

export interface NewGroup {
  group: string;
  topics: string[];
  position: GroupPosition;
}

/**
 * Commits a start position for a group that does not exist yet, so its first member starts
 * there. Partitions that explicit offsets leave out start at the earliest offset, the
 * platform's rule for a group without a commit.
 */
export function createGroupAt(kafka: Kafka, request: NewGroup): Promise<OffsetResetResult> {
  return withAdmin(kafka, async (admin) => {
    const exists = (await listGroupNames(admin)).includes(request.group) ||
      (await admin.fetchOffsets({ groupId: request.group })).length > 0;
    if (exists) {
      throw new HttpProblemError(409, 'consumer-group-exists', 'Consumer group exists',
        `consumer group ${request.group} already exists; reset its offsets instead`);
    }
    const states = await partitionStates(admin, request.group, request.topics, request.position);
    const moves = planOffsetMoves(request.position, states);
    const unnamed = states.filter((state) => !moves.some((move) => move.topic === state.topic &&
      move.partition === state.partition));
    const all = [...moves, ...planOffsetMoves({ to: 'earliest' }, unnamed)];
    await commitGroupOffsets(admin, request.group, all.map(toAssignment));
    return { group: request.group, dryRun: false, state: 'Empty', partitions: all };
  });
}

async function partitionStates(admin: Admin, group: string, topics: string[],
  position: GroupPosition): Promise<PartitionState[]> {
  for (const topic of topics) await requireTopic(admin, topic);
  const progress = await readGroupProgress(admin, group, topics);
  const byTimestamp = new Map<string, number>();
  if (position.to === 'timestamp') {
    for (const topic of topics) {
      for (const entry of await admin.fetchTopicOffsetsByTimestamp(topic, position.timestampMs)) {
        byTimestamp.set(`${topic}/${entry.partition}`, Number(entry.offset));
      }
    }
  }
  return progress.map((entry) => ({ topic: entry.topic, partition: entry.partition,
    lowOffset: Number(entry.lowOffset), endOffset: Number(entry.endOffset),
    committedOffset: entry.committedOffset,
    timestampOffset: byTimestamp.get(`${entry.topic}/${entry.partition}`) }));
}

function toAssignment(move: OffsetMove) {
  return { topic: move.topic, partition: move.partition, offset: move.after };
}
