import { InvalidArgumentError } from 'commander';

/** Commander parsers: a bad value is a usage error naming the option and the rule. */

export function integer(min?: number, max?: number) {
  const rule = min === undefined ? 'must be an integer' : `must be an integer from ${min} to ` +
    `${max ?? Number.MAX_SAFE_INTEGER}`;
  return (value: string): number => {
    const number = Number(value);
    if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(number) ||
      number < (min ?? -Infinity) || number > (max ?? Infinity)) {
      throw new InvalidArgumentError(rule);
    }
    return number;
  };
}

/** The bounds the API sets, so that a value it would refuse never leaves the shell. */
export const partitionNumber = integer(0, 100000);
export const offsetNumber = integer(0);

export interface TopicPartitionOffset {
  topic: string;
  partition: number;
  offset: number;
}

/** `TOPIC:PARTITION=OFFSET`, collected over repeated options. */
export function topicPartitionOffset(value: string, previous: TopicPartitionOffset[] = []) {
  const match = /^([A-Za-z0-9._-]+):(\d+)=(\d+)$/.exec(value);
  if (!match) {
    throw new InvalidArgumentError('must be TOPIC:PARTITION=OFFSET, such as orders.events:0=42');
  }
  const partition = part('PARTITION', partitionNumber, match[2]!);
  const offset = part('OFFSET', offsetNumber, match[3]!);
  return [...previous, { topic: match[1]!, partition, offset }];
}

/** One number of TOPIC:PARTITION=OFFSET, its rule saying which one is wrong. */
function part(name: string, parse: (value: string) => number, value: string): number {
  try {
    return parse(value);
  } catch (error) {
    throw new InvalidArgumentError(`its ${name} ${(error as Error).message}`);
  }
}

/** Each use of a repeatable option adds one value. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:Z|[+-](\d{2}):(\d{2}))$/;

/**
 * A full ISO 8601 instant or epoch milliseconds, passed on as given: the API judges the future.
 * Date.parse alone would take "-5" as a year and 30 February as 1 March.
 */
export function time(value: string): string {
  if (/^\d+$/.test(value) ? Number.isSafeInteger(Number(value)) : isInstant(value)) return value;
  throw new InvalidArgumentError('must be epoch milliseconds (an integer of at least 0) or an ' +
    'ISO 8601 instant on a real date, with seconds and Z or an offset, such as ' +
    '2026-01-01T10:00:00Z');
}

/** Its date and time printed back unchanged: no day, hour or second out of range. */
function isInstant(value: string): boolean {
  const match = INSTANT.exec(value);
  if (!match) return false;
  const [year, month, day, hour, minute, second, offsetHours, offsetMinutes] =
    match.slice(1).map((field) => Number(field ?? 0));
  const printed = new Date(Date.UTC(year, month - 1, day, hour, minute, second)).toISOString();
  return printed.slice(0, 19) === value.slice(0, 19) && offsetHours < 24 && offsetMinutes < 60;
}
