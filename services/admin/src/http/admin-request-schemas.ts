import { z } from 'zod';
import { boundedText } from '../../../../libs/http/validate-input';
import { GroupPosition } from '../domain/plan-offset-moves';

const NAME = /^[A-Za-z0-9._-]{1,249}$/;
const name = (what: string) => z.string({ message: `must be a ${what} name` })
  .regex(NAME, { message: `must be a ${what} name of 1 to 249 of A-Z a-z 0-9 . _ -` });
const count = (min: number, max: number) => z.coerce.number({ message: 'must be a number' })
  .int({ message: 'must be an integer' }).min(min, { message: `must be at least ${min}` })
  .max(max, { message: `must be at most ${max}` });

export const topicName = name('topic');
export const groupName = name('consumer group');

/** An ISO 8601 time or milliseconds since the epoch, never in the future. */
export const pastTimestamp = z.union([z.number(), z.string()], { message: 'must be a time' })
  .transform((value, context) => {
    const ms = typeof value === 'number' || /^\d+$/.test(value) ? Number(value) : Date.parse(value);
    if (Number.isNaN(ms)) {
      context.addIssue({ code: 'custom', message: 'must be an ISO 8601 time or epoch ms' });
      return z.NEVER;
    }
    if (ms > Date.now()) {
      context.addIssue({ code: 'custom', message: 'must not be in the future' });
      return z.NEVER;
    }
    return ms;
  });

export const messagesQuery = z.strictObject({
  partition: count(0, 100000).optional(),
  offset: count(0, Number.MAX_SAFE_INTEGER).optional(),
  timestamp: pastTimestamp.optional(),
  key: z.string().min(1, { message: 'must not be empty' }).max(500).optional(),
  limit: count(1, 500).default(50),
}).superRefine((query, context) => {
  if (query.timestamp !== undefined && query.key !== undefined) {
    context.addIssue({ code: 'custom', path: ['timestamp'],
      message: 'cannot be combined with key; a key search reads its partition by offset' });
  }
  if (query.offset !== undefined && query.partition === undefined && query.key === undefined) {
    context.addIssue({ code: 'custom', path: ['offset'], message: 'needs a partition or a key' });
  }
});

export const tailQuery = z.strictObject({ partition: count(0, 100000).optional() });

const offsetsList = z.array(z.strictObject({
  topic: topicName,
  partition: count(0, 100000),
  offset: count(0, Number.MAX_SAFE_INTEGER),
}), { message: 'must be a list of {topic, partition, offset}' }).min(1).max(10000);

const positionFields = {
  to: z.enum(['earliest', 'latest', 'timestamp', 'offsets', 'shift'],
    { message: 'must be earliest, latest, timestamp, offsets or shift' }),
  timestamp: pastTimestamp.optional(),
  offsets: offsetsList.optional(),
  shiftBy: z.number({ message: 'must be an integer' }).int({ message: 'must be an integer' })
    .optional(),
};

type PositionFields = { to: GroupPosition['to']; timestamp?: number;
  offsets?: { topic: string; partition: number; offset: number }[]; shiftBy?: number };

function requirePositionField(body: PositionFields, context: z.RefinementCtx) {
  const needs = { timestamp: 'timestamp', offsets: 'offsets', shift: 'shiftBy' } as const;
  const field = needs[body.to as keyof typeof needs];
  if (field && body[field] === undefined) {
    context.addIssue({ code: 'custom', path: [field],
      message: `is required when to is ${body.to}` });
  }
}

export function toPosition(body: PositionFields): GroupPosition {
  switch (body.to) {
    case 'timestamp': return { to: 'timestamp', timestampMs: body.timestamp! };
    case 'offsets': return { to: 'offsets', offsets: body.offsets! };
    case 'shift': return { to: 'shift', shiftBy: body.shiftBy! };
    default: return { to: body.to };
  }
}

export const resetBody = z.strictObject({
  ...positionFields,
  topics: z.array(topicName).min(1).max(100).optional(),
  /** Leave out (or false) for a dry run that shows before and after and changes nothing. */
  apply: z.boolean({ message: 'must be true or false' }).default(false),
}).superRefine(requirePositionField);

export const newGroupBody = z.strictObject({
  group: groupName,
  topics: z.array(topicName).min(1).max(100),
  ...positionFields,
  to: z.enum(['earliest', 'latest', 'timestamp', 'offsets'],
    { message: 'must be earliest, latest, timestamp or offsets' }),
}).superRefine(requirePositionField);


export const deadLetterQuery = z.strictObject({
  group: groupName.optional(),
  status: z.enum(['open', 'redriven', 'discarded'],
    { message: 'must be open, redriven or discarded' }).optional(),
  key: boundedText(200).optional(),
});

export const redriveFilterBody = z.strictObject({
  key: boundedText(200).optional(),
  eventType: boundedText(100).optional(),
  errorClass: boundedText(200).optional(),
}).refine((filter) => Object.keys(filter).length > 0,
  { message: 'must name at least one of key, eventType, errorClass' });

export const discardBody = z.strictObject({ reason: boundedText(500) });

export const groupQuery = z.strictObject({ group: groupName.optional() });

export const overdueQuery = z.strictObject({
  at: z.string().refine((value) => !Number.isNaN(Date.parse(value)),
    { message: 'must be an ISO 8601 time' }).optional(),
});

export const auditQuery = z.strictObject({
  actor: z.enum(['admin', 'read-only'], { message: 'must be admin or read-only' }).optional(),
  route: boundedText(200).optional(),
  limit: count(1, 1000).default(100),
});

export const emptyQuery = z.strictObject({});
