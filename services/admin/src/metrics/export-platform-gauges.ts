import { Gauge } from 'prom-client';
import { Logger } from '../../../../libs/logging/logger';
import { gauge } from '../../../../libs/metrics/metrics-registry';
import { PlatformObservations } from './platform-observations';

/** Connect's states; the current one is 1, the others 0, so a state change is a clean flip. */
const CONNECT_STATES = ['UNASSIGNED', 'RUNNING', 'PAUSED', 'STOPPED', 'FAILED', 'RESTARTING'];

/**
 * Exports, computed at scrape time from the cached observations, what no service can report
 * about itself: consumer lag per group (a stopped consumer reports nothing), replication slot
 * lag and connector state. A source that cannot be read leaves its series out and says so.
 */
export function exportPlatformGauges(observations: PlatformObservations, log: Logger): void {
  const collect: Collect = (source, fill) => async function collector(this) {
    this.reset();
    try {
      await fill(this);
    } catch (error) {
      log.warn({ err: error, source }, 'metric source unreadable; series left out');
    }
  };
  exportLagGauges(observations, collect);
  exportSlotGauges(observations, collect);
  exportConnectorGauges(observations, collect);
}

type Collect = <L extends string>(source: string, fill: (gauge: Gauge<L>) => Promise<void>) =>
  (this: Gauge<L>) => Promise<void>;

function exportLagGauges(observations: PlatformObservations, collect: Collect) {
  gauge('consumer_group_lag_messages', 'Messages between a group\'s committed and end offsets',
    ['group', 'topic', 'partition'], collect('kafka', async (metric) => {
      for (const group of await observations.groups()) {
        for (const p of group.partitions) {
          metric.set({ group: group.group, topic: p.topic, partition: String(p.partition) },
            p.lagMessages);
        }
      }
    }));
  gauge('consumer_group_lag_seconds',
    'Age of the oldest event a group has not consumed (0 when caught up)',
    ['group', 'topic', 'partition'], collect('kafka', async (metric) => {
      for (const group of await observations.groups()) {
        for (const p of group.partitions) {
          if (p.lagSeconds === null) continue;
          metric.set({ group: group.group, topic: p.topic, partition: String(p.partition) },
            p.lagSeconds);
        }
      }
    }));
}

function exportSlotGauges(observations: PlatformObservations, collect: Collect) {
  gauge('replication_slot_lag_bytes', 'WAL bytes a replication slot\'s consumer has not confirmed',
    ['slot'], collect('postgres', async (metric) => {
      for (const slot of await observations.slots()) {
        if (slot.lagBytes !== null) metric.set({ slot: slot.slot }, slot.lagBytes);
      }
    }));
  gauge('replication_slot_active', '1 while a consumer (Debezium) is attached to the slot',
    ['slot'], collect('postgres', async (metric) => {
      for (const slot of await observations.slots()) {
        metric.set({ slot: slot.slot }, slot.active ? 1 : 0);
      }
    }));
}

function exportConnectorGauges(observations: PlatformObservations, collect: Collect) {
  gauge('connector_state', '1 for the state the connector is in, 0 for the others',
    ['connector', 'state'], collect('connect', async (metric) => {
      for (const connector of await observations.connectors()) {
        for (const state of statesWith(connector.state)) {
          metric.set({ connector: connector.connector, state }, state === connector.state ? 1 : 0);
        }
      }
    }));
  gauge('connector_task_state', '1 for the state the task is in, 0 for the others',
    ['connector', 'task', 'state'], collect('connect', async (metric) => {
      for (const connector of await observations.connectors()) {
        for (const task of connector.tasks) {
          for (const state of statesWith(task.state)) {
            metric.set({ connector: connector.connector, task: String(task.task), state },
              state === task.state ? 1 : 0);
          }
        }
      }
    }));
}

function statesWith(current: string): string[] {
  return CONNECT_STATES.includes(current) ? CONNECT_STATES : [...CONNECT_STATES, current];
}
