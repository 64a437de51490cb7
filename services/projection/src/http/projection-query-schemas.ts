import { z } from 'zod';

const prefix = z.string().max(200, { message: 'must be at most 200 characters' }).default('');

export const salesQuerySchema = z.strictObject({
  day: z.string({ message: 'must be a day as YYYY-MM-DD' })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a day as YYYY-MM-DD' })
    .refine((day) => !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) &&
      new Date(`${day}T00:00:00Z`).toISOString().startsWith(day),
    { message: 'must be a day of the calendar' }),
  skuPrefix: prefix,
});

export const digestQuerySchema = z.strictObject({
  customerPrefix: prefix,
  skuPrefix: prefix,
});
