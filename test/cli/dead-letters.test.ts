import { randomUUID } from 'node:crypto';
import { requestJson } from '../../infra/tasks/load/run-load';
import { call, OPS_TOKEN, READ_TOKEN, startAdmin } from '../admin/admin-service';
import { eventually } from '../support/eventually';
import { freshCodec, testKafka } from '../support/platform';
import { EventPublisher } from '../support/publish-event';
import { freePort, RunningService, startService } from '../support/service-process';
import { sagactl, sagactlEnv } from './sagactl';

const GROUP = 'inventory.saga';

describe('sagactl dlq', () => {
  let inventory: RunningService;
  let admin: RunningService;
  let publisher: EventPublisher;
  /** An order whose OrderPlaced fails for good, with its OrderCancelled parked behind it. */
  const broken = randomUUID();
  let letterId = '';

  beforeAll(async () => {
    inventory = await startService('inventory', { OPS_TOKEN });
    // Nothing listens there: the other services' dead letters are unavailable.
    const nobody = `http://127.0.0.1:${await freePort()}`;
    admin = await startAdmin({ INVENTORY_URL: inventory.url, ORDERS_URL: nobody,
      PAYMENTS_URL: nobody, PROJECTION_URL: nobody });
    publisher = new EventPublisher(testKafka(), freshCodec());
    const sku = `SKU-${randomUUID()}`;
    await requestJson(`${inventory.url}/products/${sku}`, 'PUT', { priceCents: 100,
      available: 5 });
    await publisher.publish('OrderPlaced', broken, { orderId: broken, customerId: 'c',
      lines: [{ sku, quantity: 0 }], placedAt: new Date() });
    await publisher.publish('OrderCancelled', broken, { orderId: broken, reason: 'customer',
      wasConfirmed: false, cancelledAt: new Date() });
    await eventually(async () => {
      const listed = await call(admin, 'GET', `/dead-letters?group=${GROUP}&key=${broken}`);
      expect(listed.body.deadLetters).toMatchObject([{ status: 'open', parkedCount: 1 }]);
      letterId = listed.body.deadLetters[0].id;
    }, 30000);
  });

  afterAll(async () => {
    await admin?.stop();
    await inventory?.stop();
    await publisher?.close();
  });

  const dlq = (args: string[], token = READ_TOKEN) =>
    sagactl(['dlq', ...args], sagactlEnv(admin, token));

  it('lists the dead letter with its error, attempts and parked count', async () => {
    const run = await dlq(['list', '--group', GROUP, '--status', 'open', '--key', broken]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0])
      .toMatch(/^GROUP +ID +STATUS +EVENT +KEY +AT +ATTEMPTS +LAST FAILURE +ERROR +PARKED$/);
    expect(lines.slice(1)).toEqual([expect.stringMatching(new RegExp(`^${GROUP} +${letterId} ` +
      `+open +OrderPlaced +${broken} +orders\\.events/\\d+@\\d+ +\\d+ +\\S+Z ` +
      '+validation_failed: .* +1$'))]);

    const json = await dlq(['list', '--group', GROUP, '--key', broken, '--json']);
    expect(JSON.parse(json.stdout)).toEqual((await call(admin, 'GET',
      `/dead-letters?group=${GROUP}&key=${broken}`)).body);
  });

  it('warns on stderr about services that did not answer, and still lists the rest', async () => {
    const run = await dlq(['list', '--key', broken]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(broken);
    expect(run.stderr.trimEnd().split('\n').sort()).toEqual(['orders', 'payments', 'projection']
      .map((service) => expect.stringMatching(new RegExp(`^warning: the ${service} service ` +
        'did not answer \\(.+\\); its dead letters are not listed$'))));
  });

  it('shows one dead letter in full, the parked key, and 3 for an unknown id', async () => {
    const run = await dlq(['show', GROUP, letterId]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^id +${letterId}$`, 'm'));
    expect(run.stdout).toMatch(new RegExp(`^key +${broken}$`, 'm'));
    expect(run.stdout).toMatch(/^error class +validation_failed$/m);
    expect(run.stdout).toMatch(/^parked behind +1$/m);

    const parked = await dlq(['parked', '--group', GROUP]);
    expect(parked.stdout).toMatch(new RegExp(`^${GROUP} +${broken} +1 +\\S+Z$`, 'm'));

    const unknown = await dlq(['show', GROUP, '999999999999']);
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toMatch(/answered 404 .*no dead letter with id "999999999999"\n$/);
  });

  it('exits 4 for a redrive with the read-only token, and 1 when a redrive fails again',
    async () => {
      const readOnly = await dlq(['redrive', GROUP, letterId]);
      expect(readOnly.code).toBe(4);
      expect(readOnly.stderr).toMatch(/answered 403 Forbidden: /);

      const failed = await sagactl(['dlq', 'redrive', GROUP, letterId], sagactlEnv(admin));
      expect(failed.code).toBe(1);
      expect(failed.stdout).toMatch(new RegExp(`^dead letter ${letterId} of ${GROUP}: ` +
        'failed again'));
      expect(failed.stderr).toBe(`error: 1 dead letter of ${GROUP} failed again and stayed ` +
        `open (${letterId}); see sagactl dlq show ${GROUP} ${letterId}\n`);
      expect((await call(admin, 'GET', `/dead-letters/${GROUP}/${letterId}`)).body)
        .toMatchObject({ status: 'open' });
    });

  it('discards with a reason, applying the parked event, and then refuses with exit 1',
    async () => {
      const noReason = await sagactl(['dlq', 'discard', GROUP, letterId], sagactlEnv(admin));
      expect(noReason.code).toBe(2);

      const run = await sagactl(['dlq', 'discard', GROUP, letterId, '--reason',
        'quantity 0 came from a broken client'], sagactlEnv(admin));
      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(run.stdout).toBe(`dead letter ${letterId} of ${GROUP}: discarded; 1 parked event ` +
        'applied after it\n');
      expect((await call(admin, 'GET', `/dead-letters/${GROUP}/${letterId}`)).body)
        .toMatchObject({ status: 'discarded',
          discardReason: 'quantity 0 came from a broken client' });

      const again = await sagactl(['dlq', 'discard', GROUP, letterId, '--reason', 'twice'],
        sagactlEnv(admin));
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(/answered 409 /);
    });
});
