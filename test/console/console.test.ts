import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Admin, Partitioners } from 'kafkajs';
import { Pool } from 'pg';
import { Browser, chromium, Locator, Page } from 'playwright-core';
import { requestJson } from '../../infra/tasks/load/run-load';
import { ADMIN_TOKEN, call, OPS_TOKEN, startAdmin } from '../admin/admin-service';
import { eventually } from '../support/eventually';
import { testKafka, testPool } from '../support/platform';
import { placeOrder, RunningPlatform, startPlatform, stockAndWallet }
  from '../support/platform-services';
import { freePort, REPO_ROOT, RunningService } from '../support/service-process';

const SCREENSHOTS = path.join(REPO_ROOT, 'test-artifacts', 'console');
const CONSOLE_DIR = path.join(REPO_ROOT, 'services', 'admin', 'console');

/** Debian's Chromium, headless; Playwright keeps its profile in a folder of its own. */
const CHROMIUM = {
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};

const SAGA_MS = 180000;

/** The value of one attribute on every element a locator finds, in page order. */
async function attributes(locator: Locator, name: string): Promise<(string | null)[]> {
  const values: (string | null)[] = [];
  const count = await locator.count();
  for (let i = 0; i < count; i += 1) values.push(await locator.nth(i).getAttribute(name));
  return values;
}

const byTestId = (page: Page | Locator, testid: string, data: Record<string, string> = {}) =>
  page.locator(`[data-testid="${testid}"]${Object.entries(data)
    .map(([name, value]) => `[data-${name}="${value}"]`).join('')}`);

describe('the operator console in a browser', () => {
  let platform: RunningPlatform;
  let admin: RunningService;
  let browser: Browser;
  let page: Page;
  let payments: Pool;
  let kafkaAdmin: Admin;
  /** CSP violations, script errors, requests that would leave the admin service. */
  const problems: string[] = [];
  /** Every URL the page asked for, and the Authorization header of each API call. */
  const requested: { url: string; authorization: string | undefined }[] = [];
  const idleTopic = `test.console-${randomUUID()}`;
  const idleGroup = `test.console-${randomUUID()}`;
  let placedOrderId = '';

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    platform = await startPlatform({ OPS_TOKEN });
    admin = await startAdmin({ ORDERS_URL: platform.urls.orders,
      PAYMENTS_URL: platform.urls.payments, INVENTORY_URL: platform.urls.inventory,
      // Nothing listens there: the dead letters view names the projection as not asked.
      PROJECTION_URL: `http://127.0.0.1:${await freePort()}` });
    payments = testPool('payments');
    kafkaAdmin = testKafka().admin();
    await kafkaAdmin.connect();
    placedOrderId = await placeOrder(platform.urls, await stockAndWallet(platform.urls, 5000));

    browser = await chromium.launch(CHROMIUM);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.origin === admin.url) return route.continue();
      problems.push(`request to another origin blocked: ${url.href}`);
      return route.abort();
    });
    page = await context.newPage();
    page.on('request', (request) => requested.push({ url: request.url(),
      authorization: request.headers().authorization }));
    page.on('pageerror', (error) => problems.push(`script error: ${error.message}`));
    page.on('response', (response) => {
      const url = new URL(response.url());
      if (url.pathname.startsWith('/console') && response.status() >= 400) {
        problems.push(`console file ${url.pathname} answered ${response.status()}`);
      }
    });
    page.on('console', (message) => {
      // The browser logs each API answer that is not 2xx (a refused token, a bad query) as a
      // failed load; the page shows those itself. Any other error, a CSP violation among
      // them, counts.
      if (message.type() === 'error' && !/^Failed to load resource/.test(message.text())) {
        problems.push(`console error: ${message.text()}`);
      }
    });
  }, SAGA_MS);

  afterAll(async () => {
    await browser?.close();
    await admin?.stop();
    await platform?.stop();
    await payments?.end();
    await kafkaAdmin?.deleteGroups([idleGroup]).catch(() => undefined);
    await kafkaAdmin?.deleteTopics({ topics: [idleTopic] }).catch(() => undefined);
    await kafkaAdmin?.disconnect();
  });



  /**
   * A dead letter the payments service really makes: an order is paid and confirmed, its
   * customer's wallet disappears, the customer cancels, and the refund has no wallet to credit
   * (wallet_missing, not retriable). Restoring the wallet lets a redrive apply it.
   */
  async function refundWithoutWallet() {
    const order = await stockAndWallet(platform.urls, 5000);
    const orderId = await placeOrder(platform.urls, order);
    await eventually(async () => expect((await requestJson(
      `${platform.urls.orders}/orders/${orderId}`)).body.status).toBe('CONFIRMED'), SAGA_MS);
    await payments.query('delete from wallets where customer_id = $1', [order.customerId]);
    const cancel = await requestJson(`${platform.urls.orders}/orders/${orderId}/cancel`, 'POST',
      {});
    expect(cancel.status).toBe(202);
    let letterId = '';
    await eventually(async () => {
      const listed = await call(admin, 'GET',
        `/dead-letters?group=payments.saga&key=${orderId}&status=open`);
      expect(listed.body.deadLetters).toMatchObject([{ consumerGroup: 'payments.saga',
        key: orderId, eventType: 'OrderCancelled', errorClass: 'wallet_missing' }]);
      letterId = listed.body.deadLetters[0].id;
    }, 60000);
    return { orderId, customerId: order.customerId, letterId };
  }

  const letterStatus = async (letterId: string) =>
    (await call(admin, 'GET', `/dead-letters/payments.saga/${letterId}`)).body;

  const screenshot = (view: string) =>
    page.screenshot({ path: path.join(SCREENSHOTS, `${view}.png`), fullPage: true });

  async function openView(nav: string, ready: string) {
    await byTestId(page, `nav-${nav}`).click();
    await byTestId(page, ready).first().waitFor({ timeout: 60000 });
  }

  it('serves the console\'s files without a token, while the API answers 401 without one',
    async () => {
      const index = await fetch(`${admin.url}/console/`);
      expect(index.status).toBe(200);
      expect(index.headers.get('content-type')).toMatch(/^text\/html/);
      const policy = index.headers.get('content-security-policy') ?? '';
      expect(policy).toContain("script-src 'self'");
      expect(policy).toContain("connect-src 'self'");
      expect(policy).not.toContain('unsafe-inline');
      const html = await index.text();
      expect(html).toContain('<script type="module" src="app.js"></script>');
      // Nothing inline that the policy would refuse: no script body, style or handler.
      expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
      expect(html).not.toMatch(/\sstyle=|<style|\son[a-z]+=/i);

      for (const file of readdirSync(CONSOLE_DIR)) {
        const answer = await fetch(`${admin.url}/console/${file}`);
        expect({ file, status: answer.status }).toEqual({ file, status: 200 });
      }
      const bare = await fetch(`${admin.url}/console`, { redirect: 'manual' });
      expect(bare.status).toBe(301);
      expect(bare.headers.get('location')).toBe('/console/');

      for (const route of ['/topics', '/consumer-groups', '/dead-letters', '/connectors']) {
        const answer = await call(admin, 'GET', route, { token: null });
        expect({ route, status: answer.status, type: answer.type }).toEqual({ route,
          status: 401, type: 'application/problem+json; charset=utf-8' });
      }
      expect((await call(admin, 'GET', '/topics')).status).toBe(200);
    });

  it('asks for the token, says so when the API refuses one, and keeps it in the tab only',
    async () => {
      await page.goto(`${admin.url}/console/`);
      await byTestId(page, 'login').waitFor();
      expect(await byTestId(page, 'nav').isVisible()).toBe(false);

      await byTestId(page, 'token-input').fill('not-the-token-of-this-service');
      await byTestId(page, 'token-submit').click();
      await byTestId(page, 'login-message').waitFor();
      expect(await byTestId(page, 'login-message').textContent())
        .toMatch(/refused this token \(401 Unauthorized\): the admin API needs/);
      expect(await byTestId(page, 'login').isVisible()).toBe(true);
      expect(await page.evaluate('sessionStorage.length')).toBe(0);
      await screenshot('login');

      await byTestId(page, 'token-input').fill(ADMIN_TOKEN);
      await byTestId(page, 'token-submit').click();
      await byTestId(page, 'nav').waitFor();
      await byTestId(page, 'topics-table').waitFor({ timeout: 60000 });
      expect(await byTestId(page, 'login').isVisible()).toBe(false);
      expect(await page.evaluate('Object.values(sessionStorage)')).toEqual([ADMIN_TOKEN]);
      expect(await page.evaluate('localStorage.length')).toBe(0);
      expect(await page.evaluate('document.cookie')).toBe('');

      const apiCalls = requested.filter((entry) => !new URL(entry.url).pathname
        .startsWith('/console'));
      expect(apiCalls.map((entry) => new URL(entry.url).pathname)).toContain('/topics');
      expect(apiCalls.at(-1)!.authorization).toBe(`Bearer ${ADMIN_TOKEN}`);
      expect(requested.filter((entry) => entry.url.includes(ADMIN_TOKEN))).toEqual([]);
      expect(page.url()).not.toContain(ADMIN_TOKEN);
      expect(problems).toEqual([]);
    });

  it('draws the placed order\'s saga as a timeline, step by step', async () => {
    await eventually(async () => {
      const saga = (await call(admin, 'GET', `/orders/${placedOrderId}/saga`)).body;
      expect(saga.waitingFor).toEqual([]);
    }, SAGA_MS);
    await openView('saga', 'saga-form');
    await byTestId(page, 'saga-order-id').fill(placedOrderId);
    await byTestId(page, 'saga-submit').click();
    await byTestId(page, 'saga-timeline').waitFor({ timeout: 60000 });

    const steps = byTestId(page, 'saga-step');
    expect(await attributes(steps, 'data-event-type')).toEqual(['OrderPlaced', 'StockReserved',
      'PaymentCaptured', 'OrderConfirmed', 'StockSold']);
    expect(await attributes(steps, 'data-service')).toEqual(['orders', 'inventory', 'payments',
      'orders', 'inventory']);
    expect(await attributes(steps, 'data-kind')).toEqual(Array(5).fill('forward'));
    expect(await byTestId(steps.nth(1), 'saga-outcome').textContent()).toBe('reserved');
    expect(await byTestId(steps.nth(1), 'saga-time').getAttribute('datetime'))
      .toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(await byTestId(page, 'saga-complete').isVisible()).toBe(true);
    expect(await byTestId(page, 'saga-order-status').textContent()).toContain('CONFIRMED');
    expect(page.url()).toContain(`#/saga/${placedOrderId}`);
    await screenshot('saga');
    expect(problems).toEqual([]);
  }, SAGA_MS + 60000);

  it('shows the consumer groups with their lag in messages and in seconds', async () => {
    const producer = testKafka().producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await kafkaAdmin.createTopics({ waitForLeaders: true, topics: [{ topic: idleTopic,
      numPartitions: 1 }] });
    await producer.connect();
    await producer.send({ topic: idleTopic, messages: [1, 2, 3].map((n) => ({ key: `k-${n}`,
      value: `not avro ${n}`, headers: { note: 'written by the console test' } })) });
    await producer.disconnect();
    // A group that never consumes: three messages behind, and older each second.
    expect((await call(admin, 'POST', '/consumer-groups', { body: { group: idleGroup,
      topics: [idleTopic], to: 'earliest' } })).status).toBe(201);
    await new Promise((resolve) => setTimeout(resolve, 1500));

    await openView('groups', 'groups-table');
    const idle = byTestId(page, 'group-row', { group: idleGroup });
    expect(await idle.getAttribute('data-lag-messages')).toBe('3');
    expect(await byTestId(idle, 'group-lag-messages').textContent()).toBe('3');
    expect(Number(await idle.getAttribute('data-lag-seconds'))).toBeGreaterThan(1);
    expect(await byTestId(idle, 'group-lag-seconds').textContent()).toMatch(/^[\d.]+ s$/);
    for (const group of ['orders.saga', 'inventory.saga', 'payments.saga']) {
      const row = byTestId(page, 'group-row', { group });
      expect({ group, lag: await byTestId(row, 'group-lag-messages').textContent() })
        .toEqual({ group, lag: expect.stringMatching(/^\d[\d,]*$/) });
    }
    await screenshot('groups');

    await byTestId(page, 'group-link').filter({ hasText: 'inventory.saga' }).click();
    await byTestId(page, 'group-partitions').waitFor({ timeout: 60000 });
    const view = (await call(admin, 'GET', '/consumer-groups/inventory.saga')).body;
    expect(await byTestId(page, 'partition-row').count()).toBe(view.partitions.length);
    expect(await byTestId(page, 'group-members').locator('tbody tr').count())
      .toBe(view.members.length);
    await screenshot('group');
    expect(problems).toEqual([]);
  });

  it('lists the topics and shows the placed order\'s event decoded, with its headers',
    async () => {
      await openView('topics', 'topics-table');
      expect(await byTestId(page, 'topic-row', { topic: 'orders.events' }).count()).toBe(1);
      await screenshot('topics');

      await byTestId(page, 'topic-link').filter({ hasText: /^orders\.events$/ }).click();
      await byTestId(page, 'messages-form').waitFor();
      await byTestId(page, 'messages-key').fill(placedOrderId);
      await byTestId(page, 'messages-submit').click();
      await byTestId(page, 'messages-summary').filter({ hasText: 'key' })
        .waitFor({ timeout: 60000 });
      const placed = byTestId(page, 'message', { key: placedOrderId,
        'event-type': 'OrderPlaced' });
      expect(await placed.count()).toBe(1);
      const payload = JSON.parse(await byTestId(placed, 'message-payload').textContent() ?? '');
      expect(payload).toMatchObject({ orderId: placedOrderId, lines: [{ quantity: 1 }] });
      const headers = byTestId(placed, 'message-headers');
      expect(await headers.locator('tr[data-header="eventType"] td').nth(1).textContent())
        .toBe('OrderPlaced');
      expect(await headers.locator('tr[data-header="correlationId"] td').nth(1).textContent())
        .toBe(placedOrderId);
      expect(await attributes(byTestId(page, 'message'), 'data-event-type'))
        .toEqual(['OrderPlaced', 'OrderConfirmed']);
      await screenshot('messages');

      // A query the API refuses: its problem+json is shown, detail and broken rule included.
      await byTestId(page, 'messages-key').fill('');
      await byTestId(page, 'messages-offset').fill('5');
      await byTestId(page, 'messages-submit').click();
      await byTestId(page, 'problem').waitFor({ timeout: 60000 });
      expect(await byTestId(page, 'problem-title').textContent()).toBe('400 Invalid request');
      expect(await byTestId(page, 'problem-detail').textContent()).toContain('offset');
      expect(await byTestId(page, 'problem').locator('li').allTextContents())
        .toEqual(['offset: needs a partition or a key (got "5")']);
      await screenshot('messages-problem');
      expect(problems).toEqual([]);
    });

  it('shows the replication slots and the connectors as the API reports them', async () => {
    await openView('cdc', 'connectors-table');
    await byTestId(page, 'slots-table').waitFor();
    const api = {
      connectors: (await call(admin, 'GET', '/connectors')).body.connectors
        .map((c: { connector: string }) => c.connector),
      slots: (await call(admin, 'GET', '/replication-slots')).body.slots
        .map((s: { slot: string }) => s.slot),
    };
    expect(api.connectors).toContain('orders-outbox');
    expect(await attributes(byTestId(page, 'connector-row'), 'data-connector'))
      .toEqual(api.connectors);
    expect(await attributes(byTestId(page, 'slot-row'), 'data-slot')).toEqual(api.slots);
    expect(await byTestId(page, 'connector-row', { connector: 'orders-outbox' })
      .getAttribute('data-state')).toBe('RUNNING');
    await screenshot('cdc');
    expect(problems).toEqual([]);
  });

  it('redrives and discards real dead letters of payments.saga, as the API then shows',
    async () => {
      const [redriven, discarded] = await Promise.all([refundWithoutWallet(),
        refundWithoutWallet()]);

      // The saga waits for the refund the dead letter holds back.
      await openView('saga', 'saga-form');
      await byTestId(page, 'saga-order-id').fill(redriven.orderId);
      await byTestId(page, 'saga-submit').click();
      await byTestId(page, 'saga-timeline').waitFor({ timeout: 60000 });
      const cancelled = byTestId(page, 'saga-step', { 'event-type': 'OrderCancelled' });
      expect(await cancelled.getAttribute('data-kind')).toBe('setback');
      await eventually(async () => {
        await byTestId(page, 'refresh').click();
        await byTestId(page, 'saga-timeline').waitFor({ timeout: 60000 });
        expect(await attributes(byTestId(page, 'saga-step', { kind: 'compensation' }),
          'data-event-type')).toEqual([expect.stringMatching(/^Stock(Released|Restocked)$/)]);
      }, 60000);
      expect(await attributes(byTestId(page, 'saga-waiting'), 'data-service'))
        .toEqual(['payments']);
      await screenshot('saga-compensation');

      await openView('dead-letters', 'dead-letter-filters');
      await byTestId(page, 'filter-status').selectOption('any');
      await byTestId(page, 'filter-group').fill('payments.saga');
      await byTestId(page, 'filter-key').fill(redriven.orderId);
      await page.getByRole('button', { name: 'Filter' }).click();
      await byTestId(page, 'dead-letters-table').waitFor({ timeout: 60000 });
      const row = byTestId(page, 'dead-letter-row', { id: redriven.letterId });
      expect(await row.getAttribute('data-status')).toBe('open');

      await byTestId(row, 'dead-letter-show').click();
      await byTestId(page, 'dead-letter-facts').waitFor({ timeout: 60000 });
      expect(await byTestId(page, 'dead-letter-error-class').textContent()).toBe('wallet_missing');
      expect(await byTestId(page, 'dead-letter-error').textContent())
        .toContain('wallet of a captured payment is missing');
      await screenshot('dead-letter');
      await page.goBack();
      await byTestId(page, 'dead-letters-table').waitFor({ timeout: 60000 });

      expect((await letterStatus(redriven.letterId)).status).toBe('open');
      await requestJson(`${platform.urls.payments}/wallets/${redriven.customerId}`, 'PUT',
        { balanceCents: 0 });
      await byTestId(row, 'redrive').click();
      await byTestId(page, 'action-result').waitFor({ timeout: 60000 });
      expect(await byTestId(page, 'action-result').textContent())
        .toBe(`Dead letter ${redriven.letterId} redriven: applied; 0 parked events applied ` +
          'after it.');
      expect((await letterStatus(redriven.letterId)).status).toBe('redriven');
      await eventually(async () => expect(await row.getAttribute('data-status'))
        .toBe('redriven'));
      await screenshot('dead-letters');

      await byTestId(page, 'filter-key').fill(discarded.orderId);
      await page.getByRole('button', { name: 'Filter' }).click();
      const other = byTestId(page, 'dead-letter-row', { id: discarded.letterId });
      await other.waitFor({ timeout: 60000 });
      await byTestId(other, 'discard').click();
      const reason = 'the customer was refunded by hand';
      await byTestId(other, 'discard-reason').fill(reason);
      await byTestId(other, 'discard-confirm').click();
      await byTestId(page, 'action-result').filter({ hasText: discarded.letterId })
        .waitFor({ timeout: 60000 });
      expect(await letterStatus(discarded.letterId)).toMatchObject({ status: 'discarded',
        discardReason: reason });
      await screenshot('dead-letters-discarded');
      expect(problems).toEqual([]);
    }, 2 * SAGA_MS);
});
