import { z } from 'zod';

/** Printable ASCII, no control characters: ids end up in logs, headers and Kafka keys. */
const PRINTABLE = /^[\x20-\x7E]+$/;
const IDENTIFIER_RULE = 'must be 1 to 64 printable characters';

const identifier = z
  .string({ message: `must be a string of 1 to 64 printable characters` })
  .min(1, { message: IDENTIFIER_RULE })
  .max(64, { message: IDENTIFIER_RULE })
  .regex(PRINTABLE, { message: IDENTIFIER_RULE });

const MAX_BALANCE_CENTS = 1_000_000_000_000;
const BALANCE_RULE = `must be an integer from 0 to ${MAX_BALANCE_CENTS}`;

export const customerIdParamsSchema = z.object({ customerId: identifier });

export const walletRequestSchema = z.strictObject(
  {
    balanceCents: z
      .number({ message: BALANCE_RULE })
      .int({ message: BALANCE_RULE })
      .min(0, { message: BALANCE_RULE })
      .max(MAX_BALANCE_CENTS, { message: BALANCE_RULE }),
  },
  { message: 'must be a JSON object with balanceCents' },
);

/** Order ids are the saga's correlation ids: any 1 to 64 printable characters. */
export const paymentsQuerySchema = z.object({ orderId: identifier });
