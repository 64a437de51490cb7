import { randomUUID } from 'node:crypto';
import { requestJson } from '../../infra/tasks/load/run-load';
import { eventually } from '../support/eventually';
import { RunningPlatform, startPlatform } from '../support/platform-services';
import { restartService } from '../support/service-process';

describe('the saga deadline across the services', () => {
  let platform: RunningPlatform;

  beforeAll(async () => {
    platform = await startPlatform({}, { orders: { SAGA_DEADLINE_MS: '3000',
      DEADLINE_SWEEP_INTERVAL_MS: '200' } });
  });

  afterAll(async () => {
    await platform.stop();
  });

  it('cancels an order held back past its deadline and compensates the late steps', async () => {
    const { urls } = platform;
    const sku = `SKU-${randomUUID()}`;
    const customerId = `c-${randomUUID()}`;
    await requestJson(`${urls.inventory}/products/${sku}`, 'PUT', { priceCents: 700,
      available: 3 });
    await requestJson(`${urls.payments}/wallets/${customerId}`, 'PUT', { balanceCents: 5000 });
    await platform.payments.stop();

    const placed = await requestJson(`${urls.orders}/orders`, 'POST',
      { customerId, lines: [{ sku, quantity: 2 }] });
    const orderId = placed.body.orderId as string;
    await eventually(async () => expect((await requestJson(`${urls.orders}/orders/${orderId}`))
      .body).toMatchObject({ status: 'CANCELLED', statusReason: 'timed_out' }), 20000);
    await eventually(async () => expect((await requestJson(`${urls.inventory}/products/${sku}`))
      .body).toMatchObject({ available: 3, reserved: 0, sold: 0 }));

    platform.payments = await restartService(platform.payments);
    await eventually(async () => {
      const payments = await requestJson(`${urls.payments}/payments?orderId=${orderId}`);
      expect(['VOIDED', 'REFUNDED']).toContain(payments.body[0]?.status);
    }, 30000);
    expect((await requestJson(`${urls.payments}/wallets/${customerId}`)).body)
      .toMatchObject({ balanceCents: 5000 });
    expect((await requestJson(`${urls.orders}/orders/${orderId}`)).body)
      .toMatchObject({ status: 'CANCELLED', statusReason: 'timed_out' });
  });
});
