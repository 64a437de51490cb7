import { z } from 'zod';

/** Printable ASCII, no control characters: ids end up in logs, headers and Kafka keys. */
const PRINTABLE = /^[\x20-\x7E]+$/;

const identifier = (what: string) =>
  z
    .string({ message: `must be a string of 1 to 64 printable characters` })
    .min(1, { message: `must be 1 to 64 printable characters` })
    .max(64, { message: `must be 1 to 64 printable characters` })
    .regex(PRINTABLE, { message: `must be 1 to 64 printable characters (${what})` });

const orderLineSchema = z.strictObject(
  {
    sku: identifier('sku'),
    quantity: z
      .number({ message: 'must be an integer from 1 to 10000' })
      .int({ message: 'must be an integer from 1 to 10000' })
      .min(1, { message: 'must be an integer from 1 to 10000' })
      .max(10000, { message: 'must be an integer from 1 to 10000' }),
  },
  { message: 'must be an object with sku and quantity' },
);

export const orderRequestSchema = z
  .strictObject(
    {
      customerId: identifier('customer id'),
      lines: z
        .array(orderLineSchema, { message: 'must be an array of order lines' })
        .min(1, { message: 'must have 1 to 100 order lines' })
        .max(100, { message: 'must have 1 to 100 order lines' }),
    },
    { message: 'must be a JSON object with customerId and lines' },
  )
  .superRefine((request, context) => {
    const seen = new Set<string>();
    request.lines.forEach((line, index) => {
      if (seen.has(line.sku)) {
        context.addIssue({
          code: 'custom',
          path: ['lines', index, 'sku'],
          message: 'must not repeat a sku of an earlier line',
        });
      }
      seen.add(line.sku);
    });
  });
