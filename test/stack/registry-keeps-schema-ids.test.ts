import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { withTransaction } from '../../libs/db/pool';
import { endOffsets, readTopic } from '../../libs/kafka/read-topic';
import { appendOutboxEvent } from '../../libs/outbox/append-outbox-event';
import { freshCodec, testKafka, testPool } from '../support/platform';
import { REPO_ROOT } from '../support/service-process';

const run = promisify(execFile);

describe('the schema registry', () => {
  it('decodes an event written before a restart of the registry, with the same schema id',
    async () => {
      const pool = testPool('orders');
      const kafka = testKafka();
      const codec = freshCodec();
      await codec.registerLatest(['OrderPlaced']);
      const from = await endOffsets(kafka, 'orders.events');
      const orderId = randomUUID();
      const payload = { orderId, customerId: 'c-restart', lines: [{ sku: 'MUG', quantity: 1 }],
        placedAt: new Date() };
      await withTransaction(pool, (client) => appendOutboxEvent(client, codec, {
        eventType: 'OrderPlaced', aggregateId: orderId, payload, correlationId: orderId,
        causationId: null, traceparent: null, occurredAt: new Date(),
      }, { keepRows: false }));
      const [message] = await readTopic(kafka, 'orders.events', {
        fromOffsets: from,
        until: (read) => read.some((m) => m.key === orderId),
        timeoutMs: 20000,
      }).then((read) => read.filter((m) => m.key === orderId));
      await pool.end();

      await run(path.join(REPO_ROOT, 'infra', 'stack.sh'), ['restart', 'registry'],
        { cwd: REPO_ROOT });

      const afterRestart = freshCodec();
      const decoded = await afterRestart.decode(message!.value);
      expect(decoded.payload).toEqual({ ...payload, channel: 'api' });
      const before = message!.value!.readInt32BE(1);
      await afterRestart.registerLatest(['OrderPlaced']);
      expect(afterRestart.encode('OrderPlaced', payload).readInt32BE(1)).toBe(before);
    }, 240000);
});
