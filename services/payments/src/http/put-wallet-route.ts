import { Request, Response } from 'express';
import { Pool } from 'pg';
import { withTransaction } from '../../../../libs/db/pool';
import { validateInput } from '../../../../libs/http/validate-input';
import { Logger } from '../../../../libs/logging/logger';
import { fundWallet } from '../domain/fund-wallet';
import { lockWallet } from '../db/lock-wallet';
import { sumCustomerPayments } from '../db/sum-customer-payments';
import { upsertWallet } from '../db/upsert-wallet';
import { customerIdParamsSchema, walletRequestSchema } from './request-schemas';

/**
 * PUT /wallets/:customerId sets the balance. The wallet is locked before the payments are
 * summed, so a capture or refund running beside it lands wholly before or wholly after.
 */
export function putWalletRoute(pool: Pool, log: Logger) {
  return async (req: Request, res: Response) => {
    const { customerId } = validateInput(customerIdParamsSchema,
      { customerId: req.params.customerId });
    const { balanceCents } = validateInput(walletRequestSchema, req.body);

    const wallet = await withTransaction(pool, async (client) => {
      await lockWallet(client, customerId);
      const totals = await sumCustomerPayments(client, customerId);
      const funded = fundWallet(customerId, balanceCents, totals);
      await upsertWallet(client, funded, new Date());
      return funded;
    });

    log.info({ customerId }, 'wallet balance set');
    res.json({ customerId: wallet.customerId, balanceCents: wallet.balanceCents });
  };
}
