import { Command, Option } from 'commander';
import { apiPath } from '../admin-client';
import { OffsetReset } from '../api-types';
import { contextOf, usageError } from '../cli-context';
import {
  collect,
  integer,
  time,
  topicPartitionOffset,
  TopicPartitionOffset,
} from '../option-parsers';
import { Output } from '../output';
import { table } from '../render/table';
import { offsetChange } from '../render/values';

type Position = 'earliest' | 'latest' | 'timestamp' | 'offsets' | 'shift';

interface ResetOptions {
  to: Position;
  timestamp?: string;
  offset?: TopicPartitionOffset[];
  shiftBy?: number;
  topic?: string[];
  apply?: boolean;
}

/** The option each position needs, and that no other position may be given. */
const NEEDS: Partial<Record<Position, keyof ResetOptions>> = {
  timestamp: 'timestamp', offsets: 'offset', shift: 'shiftBy',
};
const FLAGS: Record<string, string> = {
  timestamp: '--timestamp', offset: '--offset', shiftBy: '--shift-by',
};

export function resetCommand(out: Output): Command {
  return new Command('reset')
    .summary('Move a group\'s offsets (a dry run unless --apply)')
    .description('Move a consumer group\'s committed offsets. A dry run that shows before ' +
      'and after per partition unless --apply; applying is refused while the group has ' +
      'active members')
    .argument('<GROUP>', 'the consumer group')
    .addOption(new Option('--to <position>', 'where to move it').makeOptionMandatory()
      .choices(['earliest', 'latest', 'timestamp', 'offsets', 'shift']))
    .option('--timestamp <time>', 'with --to timestamp: the first offset at or after this ' +
      'time (ISO 8601 or epoch ms, not in the future)', time)
    .option('--offset <TOPIC:PARTITION=OFFSET>', 'with --to offsets: one partition\'s new ' +
      'offset; repeat for more', topicPartitionOffset)
    .option('--shift-by <n>', 'with --to shift: move by n (negative moves back), clamped to ' +
      'the low and end offsets', integer())
    .option('--topic <topic>', 'only this topic; repeat for more (default: the topics the ' +
      'group has offsets for)', collect)
    .option('--apply', 'commit the new offsets')
    .addHelpText('after', `
The dry run is a POST as well: both it and --apply need the admin token.

Examples:
  sagactl reset inventory.saga --to timestamp --timestamp 2026-01-01T00:00:00Z
  sagactl reset inventory.saga --to shift --shift-by -10 --topic orders.events
  sagactl reset inventory.saga --to offsets --offset orders.events:0=42 --apply`)
    .action(async (group: string, options: ResetOptions, command) => {
      checkPositionOptions(command, options);
      const { client, json } = contextOf(command);
      const answer = await client.post<OffsetReset>(apiPath`/consumer-groups/${group}/offsets`, {
        to: options.to, timestamp: options.timestamp, offsets: options.offset,
        shiftBy: options.shiftBy, topics: options.topic, apply: options.apply === true });
      if (json) return out.json(answer.text);
      const reset = answer.body;
      out.line(`${reset.group} (${reset.state}) to ${options.to}`);
      out.line(table(['TOPIC', 'PARTITION', 'LOW', 'END', 'BEFORE', 'AFTER', 'MOVE'],
        reset.partitions.map((p) => [p.topic, p.partition, p.lowOffset, p.endOffset, p.before,
          p.after, offsetChange(p.before, p.after)])));
      out.line(reset.dryRun ? 'Dry run: nothing changed. Add --apply to commit these offsets.'
        : `Applied: ${reset.group} now resumes from the AFTER offsets.`);
    });
}

function checkPositionOptions(command: Command, options: ResetOptions): void {
  const needed = NEEDS[options.to];
  if (needed && options[needed] === undefined) {
    usageError(command, `--to ${options.to} needs ${FLAGS[needed]}`);
  }
  for (const [option, flag] of Object.entries(FLAGS)) {
    if (option !== needed && options[option as keyof ResetOptions] !== undefined) {
      usageError(command, `${flag} does not go with --to ${options.to}`);
    }
  }
}
