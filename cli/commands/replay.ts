import { Argument, Command } from 'commander';
import { ApiAnswer } from '../admin-client';
import { RebuildProgress } from '../api-types';
import { contextOf } from '../cli-context';
import { integer } from '../option-parsers';
import { Output } from '../output';
import { progressBar } from '../render/progress-bar';
import { table } from '../render/table';

/** The projections the API can rebuild; it has one, the order history. */
const PROJECTIONS = ['order-history'];

/** The replay failed or did not catch up in time; the projection keeps reading either way. */
class ReplayFailedError extends Error {}

interface ReplayOptions {
  wait: boolean;
  interval: number;
  timeout?: number;
}

export function replayCommand(out: Output): Command {
  return new Command('replay')
    .summary('Rebuild a projection from offset 0 and follow it')
    .description('Rebuild a projection from offset 0 (stop its group, reset its offsets, ' +
      'clear its tables, replay) and follow the replay until it has caught up')
    .addArgument(new Argument('<PROJECTION>', 'the projection to rebuild').choices(PROJECTIONS))
    .option('--no-wait', 'start the rebuild and return without following it')
    .option('--interval <ms>', 'how often to ask for progress', integer(100, 60000), 1000)
    .option('--timeout <s>', 'give up following (exit 1) after this long; the replay goes on',
      integer(1))
    .addHelpText('after', `
A progress bar is drawn on stderr when stderr is a terminal. With --json, the final progress
(GET /projection/rebuild) as it is; with --no-wait, the answer to the start.`)
    .action(async (projection: string, options: ReplayOptions, command) => {
      const { client, json } = contextOf(command);
      const started = await client.post<RebuildProgress>('/projection/rebuild');
      if (!options.wait) return report(out, json, started, projection);
      const bar = progressBar(process.stderr, `replaying ${projection}`);
      const deadline = options.timeout === undefined ? Infinity
        : Date.now() + options.timeout * 1000;
      let latest = started;
      const draw = () => bar.update(latest.body.percent,
        latest.body.partitions.filter((p) => p.caughtUp).length, latest.body.partitions.length);
      try {
        draw();
        while (!latest.body.caughtUp && latest.body.rebuild?.phase !== 'failed') {
          if (Date.now() > deadline) {
            throw new ReplayFailedError(`${projection} had not caught up after ` +
              `${options.timeout} s (${latest.body.percent}%); it goes on replaying`);
          }
          await new Promise((resolve) => setTimeout(resolve, options.interval));
          latest = await client.get<RebuildProgress>('/projection/rebuild');
          draw();
        }
      } finally {
        bar.stop();
      }
      report(out, json, latest, projection);
      if (latest.body.rebuild?.phase === 'failed') {
        throw new ReplayFailedError(`the rebuild of ${projection} failed: ` +
          `${latest.body.rebuild.error ?? 'no reason given'}`);
      }
    });
}

function report(out: Output, json: boolean, answer: ApiAnswer<RebuildProgress>,
  projection: string): void {
  if (json) return out.json(answer.text);
  const progress = answer.body;
  const state = progress.caughtUp ? 'caught up' : progress.rebuild?.phase ?? 'not rebuilding';
  out.line(`${projection} (group ${progress.group}): ${state}, ${progress.percent}%` +
    (progress.rebuild ? `, requested ${progress.rebuild.requestedAt}` : ''));
  out.line(table(['TOPIC', 'PARTITION', 'COMMITTED', 'TARGET', 'END', 'PERCENT'],
    progress.partitions.map((p) => [p.topic, p.partition, p.committedOffset, p.targetOffset,
      p.endOffset, p.percent])));
}
