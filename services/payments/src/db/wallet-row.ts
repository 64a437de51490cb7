import { Wallet } from '../domain/payment';

export interface WalletRow {
  customer_id: string;
  balance_cents: string;
  funded_cents: string;
}

export function toWallet(row: WalletRow): Wallet {
  return {
    customerId: row.customer_id,
    balanceCents: Number(row.balance_cents),
    fundedCents: Number(row.funded_cents),
  };
}
