import { HandlerContext } from '../../libs/consumer/event-consumer';
import { PlatformError } from '../../libs/errors/platform-error';
import { deadLetterTopicOf } from '../../libs/kafka/consumer-groups';
import { readTopic } from '../../libs/kafka/read-topic';
import { listDeadLetters } from '../../libs/consumer/dead-letter-store';
import { discardDeadLetter, redriveDeadLetter } from '../../libs/consumer/redrive-dead-letter';
import { eventually } from '../support/eventually';
import { testPool } from '../support/platform';
import { TcpProxy } from '../support/tcp-proxy';
import { TestConsumerBed } from '../support/test-consumer';

type Ctx = HandlerContext<{ orderId: string }>;

describe('the consumer runtime when handlers fail', () => {
  let bed: TestConsumerBed;
  const applied: string[] = [];

  beforeEach(async () => {
    bed = new TestConsumerBed();
    // One partition: every test event shares it, so "keeps flowing" means past the failure.
    await bed.setUp(1);
    applied.length = 0;
  });

  afterEach(async () => {
    await bed.tearDown();
  });

  const record = async ({ event }: Ctx) => {
    applied.push(event.key);
    return 'recorded';
  };

  async function deadLetters() {
    return readTopic(bed.kafka, deadLetterTopicOf(bed.groupId), {
      fromOffsets: new Map([[0, '0']]), timeoutMs: 2000, until: () => false });
  }

  it('retries a handler that fails twice with a retriable error and applies it once', async () => {
    let calls = 0;
    await bed.start({ OrderPlaced: async (ctx: Ctx) => {
      calls += 1;
      if (calls <= 2) throw new PlatformError('blip', 'a passing failure', { retriable: true });
      return record(ctx);
    } });
    const eventId = await bed.send('order-a');

    await eventually(async () => expect(applied).toEqual(['order-a']));
    expect(calls).toBe(3);
    const inbox = await bed.pool.query('select outcome from inbox where event_id = $1 and ' +
      'consumer_group = $2', [eventId, bed.groupId]);
    expect(inbox.rows).toEqual([{ outcome: 'recorded' }]);
  });

  it('retries a serialization failure (40001) from Postgres and applies the event once',
    async () => {
      let calls = 0;
      await bed.start({ OrderPlaced: async (ctx: Ctx) => {
        calls += 1;
        if (calls === 1) {
          await ctx.client.query(`do $$ begin raise exception 'conflict' using errcode = '40001';
            end $$`);
        }
        await ctx.client.query('select 1');
        return record(ctx);
      } });
      await bed.send('order-b');
      await eventually(async () => expect(applied).toEqual(['order-b']));
      expect(calls).toBe(2);
    });

  it('dead-letters an undecodable value, an unknown schema id and a handler that always throws,' +
    ' and keeps the partition flowing', async () => {
    await bed.start({ OrderPlaced: async (ctx: Ctx) => {
      if (ctx.event.key === 'always-throws') throw new Error('handler bug');
      return record(ctx);
    } });
    await bed.send('undecodable', { value: Buffer.from('not avro at all') });
    await bed.send('unknown-schema', { value: Buffer.from([0, 0x7f, 0xff, 0xff, 0xf0, 1, 2]) });
    await bed.send('always-throws');
    await bed.send('flows-after');

    await eventually(async () => expect(applied).toContain('flows-after'));
    const letters = await eventuallyCount(3);
    const classes = letters.map((m) => m.headers['x-error-class']).sort();
    expect(classes).toEqual(['Error', 'not_wire_format', 'unknown_schema']);
    for (const letter of letters) {
      expect(letter.headers).toMatchObject({ 'x-original-topic': bed.topic,
        'x-attempts': '1', eventType: 'OrderPlaced', id: expect.any(String) });
      for (const name of ['x-original-partition', 'x-original-offset', 'x-error-message',
        'x-first-failure-at', 'x-last-failure-at']) {
        expect(letter.headers[name]).toEqual(expect.any(String));
      }
    }
  });

  async function eventuallyCount(count: number) {
    let letters: Awaited<ReturnType<typeof deadLetters>> = [];
    await eventually(async () => {
      letters = await deadLetters();
      expect(letters).toHaveLength(count);
    }, 30000);
    return letters;
  }

  it('keeps the partition through a retry longer than the session timeout', async () => {
    let calls = 0;
    await bed.start({ OrderPlaced: async (ctx: Ctx) => {
      calls += 1;
      if (calls === 1) throw new PlatformError('slow', 'wait long', { retriable: true });
      return record(ctx);
    } }, { sessionTimeoutMs: 6000, retryBaseMs: 9000, retryCapMs: 9000, random: () => 0.999 });
    const membersBefore = await members();
    await bed.send('slow-order');

    await eventually(async () => expect(applied).toEqual(['slow-order']), 30000);
    expect(calls).toBe(2);
    // An evicted member rejoins under a new member id.
    expect(await members()).toBe(membersBefore);
  });

  async function members() {
    const admin = bed.kafka.admin();
    await admin.connect();
    const { groups } = await admin.describeGroups([bed.groupId]);
    await admin.disconnect();
    return groups[0]!.members.map((member) => member.memberId).join(',');
  }

  /** A handler that fails for every key in `closed` and records the event ids it applies. */
  function gatedHandler(closed: Set<string>, appliedIds: string[]) {
    return async ({ event }: Ctx) => {
      if (closed.has(event.key)) throw new Error(`key ${event.key} is closed`);
      appliedIds.push(event.eventId);
      return 'recorded';
    };
  }

  async function openLetterOf(key: string) {
    let id = '';
    await eventually(async () => {
      const found = await listDeadLetters(bed.pool, { group: bed.groupId, key, status: 'open',
        limit: 10 });
      expect(found).toHaveLength(1);
      id = found[0]!.id;
    });
    return id;
  }

  async function parkedCount(key: string) {
    const parked = await bed.pool.query('select count(*)::int as n from parked_events ' +
      'where consumer_group = $1 and message_key = $2', [bed.groupId, key]);
    return parked.rows[0].n as number;
  }

  it('parks later events of a key behind its dead letter, and a redrive applies them in order',
    async () => {
      const closed = new Set(['order-x']);
      const appliedIds: string[] = [];
      const consumer = await bed.start({ OrderPlaced: gatedHandler(closed, appliedIds) });
      const xIds = [await bed.send('order-x'), await bed.send('order-x'),
        await bed.send('order-x')];
      const otherId = await bed.send('order-y');

      await eventually(async () => expect(appliedIds).toEqual([otherId]));
      const letterId = await openLetterOf('order-x');
      await eventually(async () => expect(await parkedCount('order-x')).toBe(2));

      closed.delete('order-x');
      const report = await redriveDeadLetter(bed.pool, consumer.applyContext, letterId);
      expect(report).toEqual({ id: letterId, result: 'applied', followersApplied: 2 });
      expect(appliedIds).toEqual([otherId, ...xIds]);
      expect(await parkedCount('order-x')).toBe(0);

      const again = await bed.send('order-x');
      await eventually(async () => expect(appliedIds.at(-1)).toBe(again));
    });

  it('makes a follower that fails during the release the key\'s new dead letter, in the table '
    + 'and on the dead-letter topic, and keeps the rest parked', async () => {
    const closed = new Set(['order-v']);
    const appliedIds: string[] = [];
    const gated = gatedHandler(closed, appliedIds);
    const failingIds = new Set<string>();
    const consumer = await bed.start({ OrderPlaced: async (ctx: Ctx) => {
      if (failingIds.has(ctx.event.eventId)) throw new Error('this follower is broken too');
      return gated(ctx);
    } });
    const first = await bed.send('order-v');
    const [brokenFollower, lastFollower] = [await bed.send('order-v'), await bed.send('order-v')];
    const letterId = await openLetterOf('order-v');
    await eventually(async () => expect(await parkedCount('order-v')).toBe(2));

    closed.delete('order-v');
    failingIds.add(brokenFollower);
    const report = await redriveDeadLetter(bed.pool, consumer.applyContext, letterId);
    expect(report).toEqual({ id: letterId, result: 'applied', followersApplied: 0 });
    expect(appliedIds).toEqual([first]);
    expect(await parkedCount('order-v')).toBe(1);
    const open = await listDeadLetters(bed.pool, { group: bed.groupId, key: 'order-v',
      status: 'open', limit: 10 });
    expect(open.map((letter) => letter.eventId)).toEqual([brokenFollower]);
    await eventually(async () => {
      const onTopic = (await deadLetters()).map((message) => ({
        id: message.headers.id, error: message.headers['x-error-message'] }));
      expect(onTopic).toEqual([
        { id: first, error: 'key order-v is closed' },
        { id: brokenFollower, error: 'this follower is broken too' },
      ]);
    });
    expect(appliedIds).not.toContain(lastFollower);
  });

  it('releases the followers a halted release left parked, with no open dead letter, by itself',
    async () => {
      const closed = new Set(['order-s']);
      const appliedIds: string[] = [];
      const gated = gatedHandler(closed, appliedIds);
      let blips = 0;
      let blipping = '';
      const consumer = await bed.start({ OrderPlaced: async (ctx: Ctx) => {
        if (ctx.event.eventId === blipping && blips === 0) {
          blips += 1;
          throw new PlatformError('blip', 'a passing failure', { retriable: true });
        }
        return gated(ctx);
      } }, { strandedKeySweepMs: 300 });
      const first = await bed.send('order-s');
      const followers = [await bed.send('order-s'), await bed.send('order-s')];
      const letterId = await openLetterOf('order-s');
      await eventually(async () => expect(await parkedCount('order-s')).toBe(2));

      closed.delete('order-s');
      blipping = followers[0]!;
      // The letter applies; its first follower meets a passing failure, so the release stops.
      const report = await redriveDeadLetter(bed.pool, consumer.applyContext, letterId);
      expect(report).toEqual({ id: letterId, result: 'applied', followersApplied: 0 });
      expect(blips).toBe(1);
      await eventually(async () => {
        expect(await parkedCount('order-s')).toBe(0);
        expect(appliedIds).toEqual([first, ...followers]);
      });
      const later = await bed.send('order-s');
      await eventually(async () => expect(appliedIds.at(-1)).toBe(later));
    });

  it('skips a redelivery of a discarded event, parked behind its letter or arriving later',
    async () => {
      const closed = new Set(['order-d']);
      const appliedIds: string[] = [];
      const consumer = await bed.start({ OrderPlaced: gatedHandler(closed, appliedIds) });
      const given = await bed.send('order-d');
      const letterId = await openLetterOf('order-d');
      await bed.send('order-d', { eventId: given });
      await eventually(async () => expect(await parkedCount('order-d')).toBe(1));

      closed.delete('order-d');
      const report = await discardDeadLetter(bed.pool, consumer.applyContext, letterId,
        'given up');
      expect(report).toEqual({ id: letterId, status: 'discarded', followersApplied: 0 });
      expect(await parkedCount('order-d')).toBe(0);
      await bed.send('order-d', { eventId: given });
      const next = await bed.send('order-d');
      await eventually(async () => expect(appliedIds).toEqual([next]));
      const inbox = await bed.pool.query('select outcome from inbox where consumer_group = $1 ' +
        'and event_id = $2', [bed.groupId, given]);
      expect(inbox.rows).toEqual([{ outcome: 'discarded' }]);
    });

  it('releases the parked followers in order when the dead letter is discarded', async () => {
    const closed = new Set(['order-z']);
    const appliedIds: string[] = [];
    const consumer = await bed.start({ OrderPlaced: gatedHandler(closed, appliedIds) });
    await bed.send('order-z');
    const followers = [await bed.send('order-z'), await bed.send('order-z')];
    const letterId = await openLetterOf('order-z');
    await eventually(async () => expect(await parkedCount('order-z')).toBe(2));

    closed.delete('order-z');
    const report = await discardDeadLetter(bed.pool, consumer.applyContext, letterId,
      'the order was fixed by hand');
    expect(report).toEqual({ id: letterId, status: 'discarded', followersApplied: 2 });
    expect(appliedIds).toEqual(followers);
    const [letter] = await listDeadLetters(bed.pool, { group: bed.groupId, key: 'order-z',
      limit: 10 });
    expect(letter).toMatchObject({ status: 'discarded',
      discardReason: 'the order was fixed by hand' });
  });

  it('answers already_applied when a dead letter that was applied meanwhile is redriven',
    async () => {
      const appliedIds: string[] = [];
      const consumer = await bed.start({ OrderPlaced: gatedHandler(new Set(['order-w']),
        appliedIds) });
      const eventId = await bed.send('order-w');
      const letterId = await openLetterOf('order-w');
      // The same event applied through another path (a duplicate delivery) lands in the inbox.
      await bed.pool.query(`insert into inbox (consumer_group, event_id, event_type, topic,
        partition, "offset") values ($1, $2, 'OrderPlaced', $3, 0, 0)`,
      [bed.groupId, eventId, bed.topic]);
      const report = await redriveDeadLetter(bed.pool, consumer.applyContext, letterId);
      expect(report.result).toBe('already_applied');
      expect(appliedIds).toEqual([]);
    });
});

describe('the consumer runtime when its database goes away', () => {
  it('waits for the database instead of dead-lettering, then applies the event once',
    async () => {
      const proxy = new TcpProxy(5432);
      await proxy.start();
      const bed = new TestConsumerBed(`postgres://postgres@127.0.0.1:${proxy.port}/orders`);
      const check = testPool('orders');
      try {
        await bed.setUp(1);
        const applied: string[] = [];
        await bed.start({ OrderPlaced: async ({ event }: Ctx) => {
          applied.push(event.key);
          return 'recorded';
        } }, { maxAttempts: 2 });
        await bed.send('before-outage');
        await eventually(async () => expect(applied).toEqual(['before-outage']));

        await proxy.cut();
        await bed.send('during-outage');
        await new Promise((resolve) => setTimeout(resolve, 4000));
        await proxy.restore();

        await eventually(async () => expect(applied).toEqual(['before-outage',
          'during-outage']), 30000);
        const letters = await check.query(
          'select count(*)::int as n from dead_letters where consumer_group = $1', [bed.groupId]);
        expect(letters.rows[0].n).toBe(0);
      } finally {
        await bed.tearDown();
        await proxy.cut();
        await check.end();
      }
    });
});
