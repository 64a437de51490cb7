import { FieldIssue, ValidationError } from '../../../../libs/errors/platform-error';

/** Where a consumer group should resume. */
export type GroupPosition =
  | { to: 'earliest' }
  | { to: 'latest' }
  | { to: 'timestamp'; timestampMs: number }
  | { to: 'offsets'; offsets: { topic: string; partition: number; offset: number }[] }
  | { to: 'shift'; shiftBy: number };

export interface PartitionState {
  topic: string;
  partition: number;
  lowOffset: number;
  endOffset: number;
  committedOffset: string | null;
  /** The first offset at or after the requested timestamp (the end when there is none). */
  timestampOffset?: number;
}

export interface OffsetMove {
  topic: string;
  partition: number;
  lowOffset: number;
  endOffset: number;
  before: string | null;
  after: string;
}

/**
 * The offset each partition moves to. Explicit offsets must lie between the partition's low
 * and end offsets; a shift is clamped to them, as Kafka's own tool does. Partitions that
 * explicit offsets do not name keep their offset and are left out.
 */
export function planOffsetMoves(position: GroupPosition, partitions: PartitionState[]):
  OffsetMove[] {
  if (position.to === 'offsets') return explicitMoves(position.offsets, partitions);
  return partitions.map((state) => ({ ...moveBase(state), after: String(targetOf(position,
    state)) }));
}

function targetOf(position: Exclude<GroupPosition, { to: 'offsets' }>, state: PartitionState) {
  switch (position.to) {
    case 'earliest': return state.lowOffset;
    case 'latest': return state.endOffset;
    case 'timestamp': return state.timestampOffset ?? state.endOffset;
    case 'shift': {
      const base = Math.max(state.lowOffset, Number(state.committedOffset) || state.lowOffset);
      return Math.min(state.endOffset, Math.max(state.lowOffset, base + position.shiftBy));
    }
  }
}

function explicitMoves(offsets: { topic: string; partition: number; offset: number }[],
  partitions: PartitionState[]): OffsetMove[] {
  const issues: FieldIssue[] = [];
  const named = new Set<string>();
  const moves = offsets.flatMap((wanted, index) => {
    // Two offsets for one partition would leave the outcome to whichever is written last.
    const partitionId = `${wanted.topic}/${wanted.partition}`;
    if (named.has(partitionId)) {
      issues.push({ field: `offsets[${index}]`, rule: 'must not name a partition twice',
        value: { topic: wanted.topic, partition: wanted.partition } });
      return [];
    }
    named.add(partitionId);
    const state = partitions.find((entry) => entry.topic === wanted.topic &&
      entry.partition === wanted.partition);
    if (!state) {
      issues.push({ field: `offsets[${index}]`, rule: 'must name a partition the group reads',
        value: { topic: wanted.topic, partition: wanted.partition } });
      return [];
    }
    if (wanted.offset < state.lowOffset || wanted.offset > state.endOffset) {
      issues.push({ field: `offsets[${index}].offset`, rule: `must be from ${state.lowOffset} ` +
        `to ${state.endOffset} for ${state.topic}/${state.partition}`, value: wanted.offset });
      return [];
    }
    return [{ ...moveBase(state), after: String(wanted.offset) }];
  });
  if (issues.length > 0) throw new ValidationError(issues);
  return moves;
}

function moveBase(state: PartitionState) {
  return { topic: state.topic, partition: state.partition, lowOffset: state.lowOffset,
    endOffset: state.endOffset, before: state.committedOffset };
}
