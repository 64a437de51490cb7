import { Pool } from 'pg';

export interface SkuSales {
  sku: string;
  units: number;
  amountCents: number;
}

export async function findSalesOfDay(pool: Pool, day: string, skuPrefix: string):
  Promise<SkuSales[]> {
  const result = await pool.query<{ sku: string; units: string; amount_cents: string }>(
    `select sku, units, amount_cents from sales_by_sku_day
     where day = $1 and left(sku, length($2)) = $2
     order by sku`,
    [day, skuPrefix],
  );
  return result.rows.map((row) => ({ sku: row.sku, units: Number(row.units),
    amountCents: Number(row.amount_cents) }));
}
