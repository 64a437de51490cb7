import { InvalidArgumentError } from 'commander';

/** Commander parsers: a bad value is a usage error naming the option and the rule. */

export function integer(min?: number, max?: number) {
  const rule = min === undefined ? 'must be an integer' : max === undefined
    ? `must be an integer of at least ${min}` : `must be an integer from ${min} to ${max}`;
  return (value: string): number => {
    const number = Number(value);
    if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(number) ||
      number < (min ?? -Infinity) || number > (max ?? Infinity)) {
      throw new InvalidArgumentError(rule);
    }
    return number;
  };
}

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
  return [...previous, { topic: match[1]!, partition: Number(match[2]),
    offset: Number(match[3]) }];
}

/** Each use of a repeatable option adds one value. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** ISO 8601 or epoch milliseconds, passed on as given: the API judges the future. */
export function time(value: string): string {
  if (!/^\d+$/.test(value) && Number.isNaN(Date.parse(value))) {
    throw new InvalidArgumentError('must be an ISO 8601 time or epoch milliseconds');
  }
  return value;
}
