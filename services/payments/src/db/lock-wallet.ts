import { PoolClient } from 'pg';
import { Wallet } from '../domain/payment';
import { toWallet, WalletRow } from './wallet-row';

/** The customer's wallet, locked until the transaction ends; null when there is none. */
export async function lockWallet(client: PoolClient, customerId: string): Promise<Wallet | null> {
  const result = await client.query<WalletRow>(
    `select customer_id, balance_cents, funded_cents
     from wallets
     where customer_id = $1
     for update`,
    [customerId],
  );
  const row = result.rows[0];
  return row ? toWallet(row) : null;
}
