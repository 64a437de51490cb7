import { counter, gauge, histogram } from '../metrics/metrics-registry';

/**
 * Labels are bounded: group, event type and outcome names, never ids or keys. Events out are
 * counted where they are written, by `outbox_events_appended_total` (libs/outbox).
 */
export function consumerMetrics() {
  return {
    handled: counter('consumer_events_handled_total',
      'Events a consumer group handled, by event type and outcome (duplicate = skipped)',
      ['group', 'event_type', 'outcome']),
    duration: histogram('consumer_handler_duration_seconds',
      'Time to apply one event, transaction included', ['group'],
      [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]),
    retries: counter('consumer_retries_total', 'Retries of retriable failures', ['group']),
    deadLetters: counter('consumer_dead_letters_total', 'Events sent to the dead-letter topic',
      ['group']),
    // Set by parked-keys-metric from the database, read by the ConsumerKeysParked alert.
    parkedKeys: gauge('consumer_parked_keys',
      'Keys whose later events wait behind a parked event', ['group']),
  };
}
