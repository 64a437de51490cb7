/** The admin API's bodies as the CLI reads them (services/admin/openapi.yaml has them all). */
import type { GroupPartition, GroupView as AdminGroupView }
  from '../services/admin/src/kafka/consumer-group-view';
import type { MessageView } from '../services/admin/src/kafka/message-view';

export interface TopicOffsets {
  topic: string;
  internal: boolean;
  messages: number;
  partitions: { partition: number; lowOffset: string; endOffset: string; messages: number }[];
}

/** One message as the admin reads it (the admin's own type; a type, no server code). */
export type Message = MessageView;

export interface Messages {
  topic: string;
  mode: string;
  partitions: number[];
  messages: Message[];
}

export interface GroupSummary {
  group: string;
  state: string;
  memberCount: number;
  lagMessages: number;
  lagSeconds: number | null;
  topics: string[];
}

/** One partition of a group with its lag (the admin's own type). */
export type PartitionLag = GroupPartition;

/** One group with its members and partitions (the admin's own type). */
export type GroupView = AdminGroupView;

export interface OffsetReset {
  group: string;
  dryRun: boolean;
  state: string;
  partitions: { topic: string; partition: number; lowOffset: number; endOffset: number;
    before: string | null; after: string }[];
}

export interface DeadLetter {
  id: string;
  consumerGroup: string;
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  eventId: string | null;
  eventType: string | null;
  errorClass: string;
  errorMessage: string;
  attempts: number;
  firstFailureAt: string;
  lastFailureAt: string;
  status: string;
  discardReason: string | null;
  parkedCount: number;
  /** Sent by the services, not yet in the OpenAPI document. */
  headers?: Record<string, string | null>;
}

/** Services that did not answer a list gathered from all of them. */
export type Unavailable = { service: string; reason: string }[];

export interface RedriveResult {
  id: string;
  result: 'applied' | 'already_applied' | 'failed';
  followersApplied: number;
  /** Why it failed again; sent by the services, not yet in the OpenAPI document. */
  error?: string;
}

export interface DiscardResult {
  id: string;
  status: string;
  followersApplied: number;
}

export interface ParkedKey {
  consumerGroup: string;
  key: string;
  count: number;
  oldestParkedAt: string;
}

export interface SagaEvent {
  eventId: string;
  eventType: string;
  service: string;
  outcome: string;
  topic: string;
  partition: number;
  offset: string;
  occurredAt: string;
  causationId: string | null;
  causedBy: string | null;
}

export interface Saga {
  orderId: string;
  order: Record<string, unknown> | null;
  waitingFor: { service: string; step: string; eventTypes: string[] }[];
  events: SagaEvent[];
}

export interface RebuildProgress {
  group: string;
  caughtUp: boolean;
  percent: number;
  rebuild: { phase: string; requestedAt: string; error: string | null } | null;
  partitions: { topic: string; partition: number; committedOffset: string | null;
    targetOffset: string; endOffset: string; percent: number; caughtUp: boolean }[];
}
