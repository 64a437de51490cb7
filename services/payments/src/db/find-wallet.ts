import { Pool } from 'pg';
import { Wallet } from '../domain/payment';
import { toWallet, WalletRow } from './wallet-row';

export async function findWallet(pool: Pool, customerId: string): Promise<Wallet | null> {
  const result = await pool.query<WalletRow>(
    `select customer_id, balance_cents, funded_cents
     from wallets
     where customer_id = $1`,
    [customerId],
  );
  const row = result.rows[0];
  return row ? toWallet(row) : null;
}
