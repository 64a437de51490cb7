import { z } from 'zod';

/** Printable ASCII, no control characters: skus end up in logs, events and URLs. */
const PRINTABLE = /^[\x20-\x7E]+$/;
const SKU_RULE = 'must be 1 to 64 printable characters';
const MAX_UNITS = 100_000_000;

const sku = z
  .string({ message: SKU_RULE })
  .min(1, { message: SKU_RULE })
  .max(64, { message: SKU_RULE })
  .regex(PRINTABLE, { message: SKU_RULE });

const wholeNumber = (max: number) => {
  const rule = `must be an integer from 0 to ${max}`;
  return z.number({ message: rule }).int({ message: rule }).min(0, { message: rule })
    .max(max, { message: rule });
};

export const skuParamSchema = z.strictObject({ sku });

export const putProductSchema = z.strictObject(
  {
    priceCents: wholeNumber(MAX_UNITS),
    available: wholeNumber(MAX_UNITS),
  },
  { message: 'must be a JSON object with priceCents and available' },
);
