import { PoolClient } from 'pg';
import { SalesDelta } from '../domain/sales-change';

/**
 * Adds each delta to its (sku, day) row and drops rows that come back to nothing, so a sale
 * taken back leaves no row behind, just as a replay that never counted it would.
 */
export async function applySalesDeltas(client: PoolClient, deltas: SalesDelta[]):
  Promise<void> {
  for (const delta of deltas) {
    await client.query(
      `insert into sales_by_sku_day (sku, day, units, amount_cents)
       values ($1, $2, $3, $4)
       on conflict (sku, day) do update set
         units = sales_by_sku_day.units + excluded.units,
         amount_cents = sales_by_sku_day.amount_cents + excluded.amount_cents`,
      [delta.sku, delta.day, delta.units, delta.amountCents],
    );
  }
  if (deltas.length === 0) return;
  await client.query(
    `delete from sales_by_sku_day
     where (sku, day) in (select * from unnest($1::text[], $2::date[]))
       and units = 0 and amount_cents = 0`,
    [deltas.map((delta) => delta.sku), deltas.map((delta) => delta.day)],
  );
}
