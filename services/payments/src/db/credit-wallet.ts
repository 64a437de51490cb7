import { PoolClient } from 'pg';

export async function creditWallet(
  client: PoolClient,
  customerId: string,
  amountCents: number,
): Promise<void> {
  await client.query(
    `update wallets
     set balance_cents = balance_cents + $2, updated_at = now()
     where customer_id = $1`,
    [customerId, amountCents],
  );
}
