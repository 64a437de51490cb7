import { PoolClient } from 'pg';

/** Takes the amount off the balance; the balance check constraint refuses to go below zero. */
export async function debitWallet(
  client: PoolClient,
  customerId: string,
  amountCents: number,
): Promise<void> {
  await client.query(
    `update wallets
     set balance_cents = balance_cents - $2, updated_at = now()
     where customer_id = $1`,
    [customerId, amountCents],
  );
}
