import { randomUUID } from 'node:crypto';
import { requestJson } from '../../infra/tasks/load/run-load';
import { eventually } from '../support/eventually';
import { freshCodec, testKafka } from '../support/platform';
import { EventPublisher } from '../support/publish-event';
import { RunningService, startService } from '../support/service-process';

const TOKEN = 'test-ops-token-0123456789';

describe("a service's dead letters through its operations endpoints", () => {
  let inventory: RunningService;
  let publisher: EventPublisher;
  const auth = { authorization: `Bearer ${TOKEN}` };

  beforeAll(async () => {
    inventory = await startService('inventory', { OPS_TOKEN: TOKEN });
    publisher = new EventPublisher(testKafka(), freshCodec());
  });

  afterAll(async () => {
    await inventory.stop();
    await publisher.close();
  });

  const ops = (path: string, method = 'GET', body?: unknown, headers = auth) =>
    requestJson(`${inventory.url}${path}`, method, body, headers);

  it('parks an order behind its dead letter, lists both, and a discard releases the follower',
    async () => {
      const sku = `SKU-${randomUUID()}`;
      await requestJson(`${inventory.url}/products/${sku}`, 'PUT', { priceCents: 100,
        available: 5 });
      const broken = randomUUID();
      const healthy = randomUUID();
      await publisher.publish('OrderPlaced', broken, { orderId: broken, customerId: 'c',
        lines: [{ sku, quantity: 0 }], placedAt: new Date() });
      await publisher.publish('OrderCancelled', broken, { orderId: broken, reason: 'customer',
        wasConfirmed: false, cancelledAt: new Date() });
      await publisher.publish('OrderPlaced', healthy, { orderId: healthy, customerId: 'c',
        lines: [{ sku, quantity: 2 }], placedAt: new Date() });

      await eventually(async () => expect((await requestJson(
        `${inventory.url}/reservations/${healthy}`)).body).toMatchObject({ status: 'RESERVED' }));
      let letterId = '';
      await eventually(async () => {
        const listed = await ops(`/ops/dead-letters?key=${broken}&status=open`);
        expect(listed.body).toMatchObject([{ consumerGroup: 'inventory.saga', key: broken,
          eventType: 'OrderPlaced', errorClass: 'validation_failed', parkedCount: 1 }]);
        letterId = listed.body[0].id;
      });
      const parked = await ops('/ops/parked-keys');
      expect(parked.body).toEqual(expect.arrayContaining([expect.objectContaining({
        consumerGroup: 'inventory.saga', key: broken, count: 1 })]));

      const redrive = await ops(`/ops/dead-letters/${letterId}/redrive`, 'POST', {});
      expect(redrive.body).toMatchObject({ id: letterId, result: 'failed', followersApplied: 0 });
      const discard = await ops(`/ops/dead-letters/${letterId}/discard`, 'POST',
        { reason: 'quantity 0 came from a broken client' });
      expect(discard.body).toEqual({ id: letterId, status: 'discarded', followersApplied: 1 });
      expect((await requestJson(`${inventory.url}/reservations/${broken}`)).body)
        .toMatchObject({ status: 'CANCELLED_BEFORE_RESERVATION' });
      expect((await ops(`/ops/dead-letters/${letterId}/discard`, 'POST', { reason: 'again' }))
        .status).toBe(409);
    });

  it('answers 401 without the token and 400 for a bad filter', async () => {
    expect((await ops('/ops/dead-letters', 'GET', undefined, {} as typeof auth)).status)
      .toBe(401);
    expect((await ops('/ops/dead-letters', 'GET', undefined,
      { authorization: 'Bearer wrong-token-wrong-token' })).status).toBe(401);
    const bad = await ops('/ops/dead-letters?status=lost');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toMatchObject({ field: 'status', value: 'lost' });
    expect((await ops('/ops/dead-letters/999999999', 'GET')).status).toBe(404);
    expect((await ops('/ops/dead-letters/redrive', 'POST', {})).status).toBe(400);
    const blank = await ops('/ops/dead-letters/999999999/discard', 'POST', { reason: '   ' });
    expect(blank.status).toBe(400);
    expect(blank.body.errors).toEqual([{ field: 'reason',
      rule: 'must be 1 to 500 characters, not only blanks', value: '   ' }]);
  });
});
