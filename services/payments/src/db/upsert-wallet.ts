import { PoolClient } from 'pg';
import { Wallet } from '../domain/payment';

/** Creates the wallet or replaces its balance and funded amount. */
export async function upsertWallet(client: PoolClient, wallet: Wallet, now: Date): Promise<void> {
  await client.query(
    `insert into wallets (customer_id, balance_cents, funded_cents, created_at, updated_at)
     values ($1, $2, $3, $4, $4)
     on conflict (customer_id) do update
     set balance_cents = excluded.balance_cents,
         funded_cents = excluded.funded_cents,
         updated_at = excluded.updated_at`,
    [wallet.customerId, wallet.balanceCents, wallet.fundedCents, now],
  );
}
