import { Command } from 'commander';
import { apiPath } from '../admin-client';
import { TopicOffsets } from '../api-types';
import { contextOf } from '../cli-context';
import { Output } from '../output';
import { table } from '../render/table';

export function topicsCommand(out: Output): Command {
  return new Command('topics')
    .summary('Topics with partitions and message counts')
    .description('List topics with their partitions and message counts, or one topic\'s ' +
      'partitions with low and end offsets')
    .argument('[TOPIC]', 'show this topic\'s partitions')
    .option('--internal', 'also list Kafka\'s internal topics (__consumer_offsets, ...)')
    .action(async (topic: string | undefined, options: { internal?: boolean }, command) => {
      const { client, json } = contextOf(command);
      if (topic) {
        const answer = await client.get<TopicOffsets>(apiPath`/topics/${topic}`);
        if (json) return out.json(answer.text);
        out.line(`${answer.body.topic}: ${answer.body.messages} messages`);
        out.line(table(['PARTITION', 'LOW', 'END', 'MESSAGES'], answer.body.partitions
          .map((p) => [p.partition, p.lowOffset, p.endOffset, p.messages])));
        return;
      }
      const answer = await client.get<{ topics: TopicOffsets[] }>('/topics');
      if (json) return out.json(answer.text);
      const shown = answer.body.topics.filter((t) => options.internal || !t.internal);
      out.line(table(['TOPIC', 'PARTITIONS', 'MESSAGES'],
        shown.map((t) => [t.topic, t.partitions.length, t.messages])));
    });
}
