import { Admin, Kafka } from 'kafkajs';
import { Pool } from 'pg';
import { EventConsumer } from '../../../../libs/consumer/event-consumer';
import { withTransaction } from '../../../../libs/db/pool';
import { DependencyUnavailableError, PlatformError } from '../../../../libs/errors/platform-error';
import { HttpProblemError } from '../../../../libs/http/error-handler';
import {
  commitGroupOffsets,
  hasActiveMembers,
  OffsetAssignment,
  readGroupProgress,
  readGroupState,
  topicWatermarks,
} from '../../../../libs/kafka/group-offsets';
import { Logger } from '../../../../libs/logging/logger';
import { clearProjection } from '../db/clear-projection';
import { rebuildProgress, RebuildProgress } from '../domain/rebuild-progress';

export type RebuildPhase = 'stopping' | 'resetting' | 'clearing' | 'replaying' | 'failed';

export interface RebuildRun {
  phase: RebuildPhase;
  requestedAt: Date;
  /** The end offsets when the rebuild began: the replay has caught up once it reaches them. */
  targets: OffsetAssignment[];
  error: string | null;
}

export interface ProjectionRebuilderDeps {
  kafka: Kafka;
  pool: Pool;
  log: Logger;
  consumer: EventConsumer;
  topics: string[];
}

/**
 * Rebuilds the projection from offset 0: stops its consumer (it leaves the group), sets the
 * group's offsets to each partition's low offset, clears the tables and the group's inbox in
 * one transaction, and starts the consumer again. Offsets move before the tables are cleared,
 * so a crash in between leaves the full tables with offsets at 0: a replay the inbox skips,
 * never empty tables with offsets at the end.
 */
export class ProjectionRebuilder {
  private run: RebuildRun | null = null;

  constructor(private readonly deps: ProjectionRebuilderDeps) {}

  get groupId(): string {
    return this.deps.consumer.groupId;
  }

  async rebuild(): Promise<RebuildRun> {
    if (this.run && this.run.phase !== 'replaying' && this.run.phase !== 'failed') {
      throw new HttpProblemError(409, 'rebuild-in-progress', 'Rebuild in progress',
        `the projection is already being rebuilt (${this.run.phase})`);
    }
    const run: RebuildRun = { phase: 'stopping', requestedAt: new Date(), targets: [],
      error: null };
    this.run = run;
    this.deps.log.info({ consumerGroup: this.groupId }, 'projection rebuild started');
    await this.deps.consumer.stop();
    try {
      await this.withAdmin((admin) => this.resetAndClear(admin, run));
      await this.deps.consumer.start();
    } catch (error) {
      run.phase = 'failed';
      run.error = (error as Error).message;
      this.deps.log.warn({ err: error, consumerGroup: this.groupId }, 'projection rebuild failed');
      await this.restartConsumer();
      // Ours say what went wrong; anything else came from the broker (pg errors are mapped).
      throw error instanceof PlatformError ? error : new DependencyUnavailableError('kafka', error);
    }
    run.phase = 'replaying';
    return run;
  }

  async progress(): Promise<RebuildProgress> {
    const partitions = await this.withAdmin((admin) =>
      readGroupProgress(admin, this.groupId, this.deps.topics));
    return rebuildProgress(this.groupId, this.run, partitions);
  }

  private async resetAndClear(admin: Admin, run: RebuildRun): Promise<void> {
    run.phase = 'resetting';
    const group = await readGroupState(admin, this.groupId);
    if (hasActiveMembers(group)) {
      throw new HttpProblemError(409, 'group-has-members', 'Consumer group is active',
        `consumer group ${this.groupId} still has ${group.memberCount} member(s) in state ` +
        `${group.state}; stop every other projection instance before a rebuild`);
    }
    const starts: OffsetAssignment[] = [];
    for (const topic of this.deps.topics) {
      for (const mark of await topicWatermarks(admin, topic)) {
        starts.push({ topic, partition: mark.partition, offset: mark.low });
        run.targets.push({ topic, partition: mark.partition, offset: mark.high });
      }
    }
    await commitGroupOffsets(admin, this.groupId, starts);

    run.phase = 'clearing';
    await withTransaction(this.deps.pool, (client) => clearProjection(client, this.groupId));
  }

  /** After a failed rebuild the projection keeps reading where its offsets are. */
  private async restartConsumer(): Promise<void> {
    try {
      await this.deps.consumer.start();
    } catch (error) {
      // Readiness reports the stopped consumer; the operator's retry of the rebuild starts it.
      this.deps.log.error({ err: error, consumerGroup: this.groupId },
        'projection consumer did not start again after a failed rebuild');
    }
  }

  private async withAdmin<T>(work: (admin: Admin) => Promise<T>): Promise<T> {
    const admin = this.deps.kafka.admin();
    await admin.connect();
    try {
      return await work(admin);
    } finally {
      await admin.disconnect();
    }
  }
}
