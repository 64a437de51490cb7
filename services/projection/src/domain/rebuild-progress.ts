/** How far the projection's group has read, against where a rebuild must get to. */

export interface PartitionPosition {
  topic: string;
  partition: number;
  lowOffset: string;
  endOffset: string;
  committedOffset: string | null;
}

export interface RebuildRunView {
  phase: string;
  requestedAt: Date;
  targets: { topic: string; partition: number; offset: string }[];
  error: string | null;
}

export interface PartitionRebuildProgress {
  topic: string;
  partition: number;
  committedOffset: string | null;
  targetOffset: string;
  endOffset: string;
  percent: number;
  caughtUp: boolean;
}

export interface RebuildProgress {
  group: string;
  rebuild: { phase: string; requestedAt: string; error: string | null } | null;
  caughtUp: boolean;
  percent: number;
  partitions: PartitionRebuildProgress[];
}

/**
 * Progress per partition: committed against the target (the end offset when the rebuild
 * began, or the current end when none ran). Caught up once every partition reached it.
 */
export function rebuildProgress(group: string, run: RebuildRunView | null,
  positions: PartitionPosition[]): RebuildProgress {
  const replaying = run?.phase === 'replaying' || run === null;
  let readTotal = 0;
  let spanTotal = 0;
  const partitions = positions.map((position) => {
    const target = run?.targets.find((entry) => entry.topic === position.topic &&
      entry.partition === position.partition)?.offset ?? position.endOffset;
    const low = Number(position.lowOffset);
    const span = Math.max(0, Number(target) - low);
    const read = Math.min(span, Math.max(0, (Number(position.committedOffset) || low) - low));
    readTotal += read;
    spanTotal += span;
    const caughtUp = replaying && read >= span;
    return { topic: position.topic, partition: position.partition,
      committedOffset: position.committedOffset, targetOffset: target,
      endOffset: position.endOffset, percent: percentOf(read, span), caughtUp };
  });
  return {
    group,
    rebuild: run && { phase: run.phase, requestedAt: run.requestedAt.toISOString(),
      error: run.error },
    caughtUp: partitions.every((p) => p.caughtUp),
    percent: percentOf(readTotal, spanTotal),
    partitions,
  };
}

function percentOf(read: number, span: number): number {
  return span === 0 ? 100 : Math.floor((read / span) * 100);
}
