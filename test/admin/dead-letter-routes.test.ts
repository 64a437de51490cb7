import { RunningPlatform, startPlatform } from '../support/platform-services';
import { freePort, RunningService } from '../support/service-process';
import { call, OPS_TOKEN, READ_TOKEN, startAdmin } from './admin-service';

/**
 * The admin side of dead letters: it finds the service that owns a group and calls that
 * service's /ops endpoints. The dead letters themselves are the consumer runtime's, tested
 * with it (test/consumer).
 */
describe('dead letters and parked keys through the admin API', () => {
  let platform: RunningPlatform;
  let admin: RunningService;

  beforeAll(async () => {
    platform = await startPlatform({ OPS_TOKEN });
    admin = await startAdmin({ ORDERS_URL: platform.urls.orders,
      PAYMENTS_URL: platform.urls.payments, INVENTORY_URL: platform.urls.inventory,
      PROJECTION_URL: `http://127.0.0.1:${await freePort()}` });
  });

  afterAll(async () => {
    await admin?.stop();
    await platform?.stop();
  });

  it('lists the dead letters of one group from the service that owns it', async () => {
    const answer = await call(admin, 'GET', '/dead-letters?group=inventory.saga&status=open',
      { token: READ_TOKEN });
    expect(answer.status).toBe(200);
    expect(answer.body.unavailable).toEqual([]);
    for (const letter of answer.body.deadLetters) {
      expect(letter).toMatchObject({ consumerGroup: 'inventory.saga', status: 'open' });
    }
  });

  it('names the services it could not ask when listing every group', async () => {
    const answer = await call(admin, 'GET', '/parked-keys', { token: READ_TOKEN });
    expect(answer.status).toBe(200);
    expect(answer.body.unavailable.map((entry: { service: string }) => entry.service))
      .toEqual(['projection']);
  });

  it('answers 404 for a group the platform does not have, or a dead letter it does not hold',
    async () => {
      const cases: [string, string, number][] = [
        ['GET', '/dead-letters?group=no.such-group', 404],
        ['GET', '/dead-letters/no.such-group/1', 404],
        ['POST', '/dead-letters/no.such-group/1/redrive', 404],
        ['GET', '/dead-letters/orders.saga/999999999999', 404],
        ['POST', '/dead-letters/orders.saga/999999999999/redrive', 404],
        ['POST', '/dead-letters/orders.saga/not-a-number/discard', 404],
      ];
      for (const [method, route, status] of cases) {
        const answer = await call(admin, method, route, { body: { reason: 'test' } });
        expect({ route, status: answer.status }).toEqual({ route, status });
      }
    });

  it('answers 400 for a discard without a reason or a redrive without a filter', async () => {
    expect((await call(admin, 'POST', '/dead-letters/orders.saga/1/discard', { body: {} }))
      .status).toBe(400);
    expect((await call(admin, 'POST', '/dead-letters/orders.saga/redrive', { body: {} }))
      .status).toBe(400);
  });
});
