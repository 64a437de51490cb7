import { Command, Option } from 'commander';
import { AdminClient, AdminUnreachableError, apiPath } from '../admin-client';
import { Message, Messages } from '../api-types';
import { contextOf, usageError } from '../cli-context';
import { integer, offsetNumber, partitionNumber, time } from '../option-parsers';
import { Output } from '../output';
import { messageLine } from '../render/message-line';
import { readEvents } from '../server-sent-events';

interface TailOptions {
  partition?: number;
  offset?: number;
  since?: string;
  key?: string;
  limit?: number;
  follow?: boolean;
  headers?: boolean;
}

export function tailCommand(out: Output): Command {
  return new Command('tail')
    .summary('A topic\'s messages, decoded; -f follows new ones')
    .description('Print a topic\'s messages, Avro decoded: the latest ones, from an offset or ' +
      'a time, or those of one key; with --follow, every new message until interrupted')
    .argument('<TOPIC>', 'the topic to read')
    .option('-p, --partition <n>', 'only this partition', partitionNumber)
    .option('--offset <n>', 'from this offset (needs --partition or --key)', offsetNumber)
    .addOption(new Option('--since <time>', 'from this time: ISO 8601 or epoch ms')
      .argParser(time).conflicts('key'))
    .option('-k, --key <key>', 'only messages with this key (reads the partition it maps to)')
    .option('-n, --limit <n>', 'at most this many messages (1 to 500; the API\'s default 50)',
      integer(1, 500))
    .addOption(new Option('-f, --follow', 'print new messages as they are written, until ' +
      'Ctrl-C (server-sent events; only --partition applies)')
      .conflicts(['offset', 'since', 'key', 'limit']))
    .option('--headers', 'show each message\'s headers too')
    .addHelpText('after', `
Examples:
  sagactl tail orders.events -n 5
  sagactl tail orders.events --key 3f0c2a9e-...     # one order's events
  sagactl tail payments.events --since 2026-01-01T10:00:00Z
  sagactl tail inventory.events -f --json           # one JSON message per line`)
    .action(async (topic: string, options: TailOptions, command) => {
      if (options.offset !== undefined && options.partition === undefined &&
        options.key === undefined) {
        usageError(command, '--offset needs --partition or --key');
      }
      const { client, json } = contextOf(command);
      const withHeaders = options.headers === true;
      if (options.follow) {
        return follow(client, topic, options.partition, (text) => json ? out.json(text)
          : out.line(messageLine(JSON.parse(text) as Message, withHeaders)), out);
      }
      const answer = await client.get<Messages>(apiPath`/topics/${topic}/messages`, {
        partition: options.partition, offset: options.offset, timestamp: options.since,
        key: options.key, limit: options.limit });
      if (json) return out.json(answer.text);
      for (const message of answer.body.messages) out.line(messageLine(message, withHeaders));
    });
}

/**
 * Streams /tail, handing on each message's JSON, until Ctrl-C (a normal end) or until the
 * API hangs up, which means it went away.
 */
async function follow(client: AdminClient, topic: string, partition: number | undefined,
  show: (messageJson: string) => void, out: Output): Promise<void> {
  const stop = new AbortController();
  const interrupt = () => stop.abort();
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    const stream = await client.stream(apiPath`/topics/${topic}/tail`, { partition },
      stop.signal);
    await relay(stream, topic, show, out);
  } catch (error) {
    if (stop.signal.aborted) return;
    throw error;
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
  }
  if (!stop.signal.aborted) {
    throw new AdminUnreachableError(`the admin API ended the tail of ${topic}`);
  }
}

async function relay(stream: ReadableStream<Uint8Array>, topic: string,
  show: (messageJson: string) => void, out: Output): Promise<void> {
  try {
    for await (const event of readEvents(stream)) {
      if (event.event === 'message') show(event.data);
      if (event.event === 'ready' && process.stderr.isTTY) {
        out.error(`following ${topic}; Ctrl-C to stop`);
      }
    }
  } catch (error) {
    if (error instanceof SyntaxError) throw error;
    throw new AdminUnreachableError(`the tail of ${topic} broke off (${(error as Error).message})`);
  }
}
