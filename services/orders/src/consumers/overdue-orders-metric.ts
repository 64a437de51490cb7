import { gauge } from '../../../../libs/metrics/metrics-registry';
import { ServiceRuntime } from '../../../../libs/service/run-service';
import { countOverdueOrders } from '../db/count-overdue-orders';

/**
 * Exports `saga_orders_unsettled_past_deadline`, counted on every scrape. The deadline sweeper
 * cancels an overdue order within a second, so a value that stays above zero means the sweeper
 * is stuck or failing and the SagaOrdersPastDeadline alert fires.
 */
export function exportOverdueOrders(runtime: ServiceRuntime): void {
  gauge('saga_orders_unsettled_past_deadline',
    'Orders neither settled nor cancelled although their deadline has passed', [],
    async function collect() {
      try {
        this.set(await countOverdueOrders(runtime.pool, new Date()));
      } catch (error) {
        // The scrape keeps the last value; /readyz already reports the database as down.
        runtime.log.debug({ err: error }, 'overdue orders not counted');
      }
    });
}
