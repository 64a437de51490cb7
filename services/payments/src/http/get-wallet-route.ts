import { Request, Response } from 'express';
import { Pool } from 'pg';
import { HttpProblemError } from '../../../../libs/http/error-handler';
import { validateInput } from '../../../../libs/http/validate-input';
import { findWallet } from '../db/find-wallet';
import { customerIdParamsSchema } from './request-schemas';

export function getWalletRoute(pool: Pool) {
  return async (req: Request, res: Response) => {
    const { customerId } = validateInput(customerIdParamsSchema,
      { customerId: req.params.customerId });

    const wallet = await findWallet(pool, customerId);
    if (!wallet) {
      throw new HttpProblemError(404, 'wallet-not-found', 'Wallet not found',
        `no wallet for customer ${JSON.stringify(customerId)}`);
    }
    res.json({ customerId: wallet.customerId, balanceCents: wallet.balanceCents });
  };
}
