import { Kafka } from 'kafkajs';
import { Pool } from 'pg';
import { ConnectClient, ConnectorHealth } from '../clients/connect-client';
import { readReplicationSlots, ReplicationSlot } from '../db/replication-slots';
import { GroupView, listGroupNames, viewGroups } from '../kafka/consumer-group-view';
import { MessageTimestamps } from '../kafka/message-timestamps';
import { withAdmin } from '../kafka/with-admin';

export interface ObservationSources {
  kafka: Kafka;
  timestamps: MessageTimestamps;
  connect: ConnectClient;
  pgAdmin: Pool;
  cacheMs: number;
}

interface Reading<T> {
  at: number;
  value: T;
}

/** How long a scrape waits for a fresh reading before it takes the last one. */
const FRESH_WAIT_MS = 2000;

/**
 * What the admin service observes of the platform for /metrics: every group's lag, the
 * replication slots and the connectors. A reading serves scrapes for `cacheMs`; after that a
 * scrape starts a new reading and waits for it a little, then takes the last one, so a slow
 * source (lag in seconds reads messages from Kafka) never makes a scrape time out. A failed
 * reading is not kept.
 */
export class PlatformObservations {
  private readonly last = new Map<string, Reading<unknown>>();
  private readonly pending = new Map<string, Promise<unknown>>();

  constructor(private readonly sources: ObservationSources) {}

  groups(): Promise<GroupView[]> {
    const { kafka, timestamps } = this.sources;
    return this.cached('groups', () => withAdmin(kafka, async (admin) =>
      viewGroups(admin, timestamps, await listGroupNames(admin))));
  }

  slots(): Promise<ReplicationSlot[]> {
    return this.cached('slots', () => readReplicationSlots(this.sources.pgAdmin));
  }

  connectors(): Promise<ConnectorHealth[]> {
    return this.cached('connectors', () => this.sources.connect.connectors());
  }

  private async cached<T>(name: string, read: () => Promise<T>): Promise<T> {
    const last = this.last.get(name) as Reading<T> | undefined;
    if (last && Date.now() - last.at < this.sources.cacheMs) return last.value;
    const fresh = this.refresh(name, read);
    if (!last) return fresh;
    const timeout = new Promise<T>((resolve) => setTimeout(() => resolve(last.value),
      FRESH_WAIT_MS).unref());
    return Promise.race([fresh.catch(() => last.value), timeout]);
  }

  private refresh<T>(name: string, read: () => Promise<T>): Promise<T> {
    const running = this.pending.get(name) as Promise<T> | undefined;
    if (running) return running;
    const reading = read().then((value) => {
      this.last.set(name, { at: Date.now(), value });
      return value;
    }).finally(() => this.pending.delete(name));
    this.pending.set(name, reading);
    return reading;
  }
}
