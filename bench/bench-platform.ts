import { Kafka } from 'kafkajs';
import { Pool } from 'pg';
import { databaseUrl, PlatformEndpoints } from '../libs/config/platform-endpoints';
import { createPool } from '../libs/db/pool';
import { LoadPlan, planLoad } from '../infra/tasks/load/load-plan';
import { seedLoad } from '../infra/tasks/load/run-load';
import { BenchGroups, SAGA_SERVICES } from './bench-groups';
import { OrderRequest } from './offer-orders';
import { CpuSnapshot, takeCpuSnapshot } from './sample-cpu';
import { MemorySampler } from './sample-memory';
import { BenchService, SagaServiceName, startBenchService } from './start-bench-service';

export interface BenchPlatformOptions {
  endpoints: PlatformEndpoints;
  kafka: Kafka;
  runId: string;
  logDir: string;
  memory: MemorySampler;
  skus: number;
  customers: number;
}

/** How long the lag must stay at zero before the pipeline counts as drained. */
const QUIET_MS = 1000;

/** Long enough that no order of the bench times out while a phase holds a service down. */
const SAGA_DEADLINE_MS = 600000;

/**
 * The three saga services as the bench runs them: on free ports, in consumer groups of the
 * run's own, against the real service databases, with a catalog of skus and wallets that no
 * order of the bench can exhaust, so every order takes the five steps of the happy path.
 */
export class BenchPlatform {
  readonly pools: Pool[];
  private readonly services = new Map<SagaServiceName, BenchService>();
  private catalog: LoadPlan | null = null;

  private constructor(private readonly options: BenchPlatformOptions,
    readonly groups: BenchGroups) {
    this.pools = SAGA_SERVICES.map((name) => createPool({ maxConnections: 2,
      connectionString: databaseUrl(options.endpoints, name), applicationName: 'bench' }));
  }

  static async create(options: BenchPlatformOptions): Promise<BenchPlatform> {
    const groups = await BenchGroups.create(options.kafka, `bench-${options.runId}.`);
    return new BenchPlatform(options, groups);
  }

  url(name: SagaServiceName): string {
    const service = this.services.get(name);
    if (!service) throw new Error(`${name} is not running in the bench`);
    return service.url;
  }

  async start(name: SagaServiceName, nodeArgs: string[] = []): Promise<void> {
    const service = await startBenchService(name, { logDir: this.options.logDir, nodeArgs,
      env: { CONSUMER_GROUP_PREFIX: this.groups.prefix,
        SAGA_DEADLINE_MS: String(SAGA_DEADLINE_MS) } });
    this.services.set(name, service);
    this.options.memory.watch(name, service.pid);
  }

  async stop(name: SagaServiceName): Promise<void> {
    const service = this.services.get(name);
    if (!service) return;
    this.options.memory.recordHighWater(name, service.pid);
    await service.stop();
    this.services.delete(name);
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.services.keys()].map((name) => this.stop(name)));
  }

  /** Products and wallets through the services' own APIs, as `make load` seeds them. */
  async seed(): Promise<void> {
    this.catalog = planLoad({ orders: 0, customers: this.options.customers,
      skus: this.options.skus, outOfStockRatio: 0, shortWalletRatio: 0, cancelRatio: 0,
      seed: 1 });
    await seedLoad(this.catalog, { orders: this.url('orders'), payments: this.url('payments'),
      inventory: this.url('inventory') });
  }

  /** An order of one to three distinct skus, one to three units each, by a random customer. */
  readonly nextOrder = (): OrderRequest => {
    const { products, wallets } = this.catalog!;
    const pick = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)]!;
    const skus = new Set<string>();
    const lineCount = 1 + Math.floor(Math.random() * 3);
    while (skus.size < lineCount) skus.add(pick(products).sku);
    return { customerId: pick(wallets).customerId,
      lines: [...skus].map((sku) => ({ sku, quantity: 1 + Math.floor(Math.random() * 3) })) };
  };

  /** CPU time so far of the services, the JVM parts, Postgres, the bench and the machine. */
  cpuSnapshot(): Promise<CpuSnapshot> {
    return takeCpuSnapshot(this.options.memory.watchedPids(), this.pools[0]!);
  }

  /** Heap use of the JVM parts; outside measured windows, as each asks a JVM of its own. */
  sampleJvmHeaps(): Promise<void> {
    return this.options.memory.sampleJvmHeaps();
  }

  async totalLag(): Promise<number> {
    const lag = await this.groups.lag();
    return SAGA_SERVICES.reduce((sum, name) => sum + lag[name], 0);
  }

  /**
   * Waits until every group (or the named one) has committed up to the end and stays there
   * for `QUIET_MS`: an event a consumer has just emitted is on its way through Debezium and is
   * in no topic yet, so one reading of zero can come too early. Returns the instant the lag
   * reached zero for good, or null on time-out.
   */
  async waitForNoLag(timeoutMs: number, only?: SagaServiceName): Promise<number | null> {
    const deadline = Date.now() + timeoutMs;
    let zeroSince: number | null = null;
    while (Date.now() < deadline) {
      const lag = await this.groups.lag();
      const total = only ? lag[only] : SAGA_SERVICES.reduce((sum, name) => sum + lag[name], 0);
      if (total !== 0) zeroSince = null;
      else if (zeroSince === null) zeroSince = Date.now();
      else if (Date.now() - zeroSince >= QUIET_MS) return zeroSince;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return null;
  }

  /** Saga steps the run's groups applied between two instants, counted in the inboxes. */
  async countApplied(fromMs: number, toMs: number): Promise<number> {
    let count = 0;
    for (const pool of this.pools) {
      const { rows } = await pool.query<{ count: string }>(
        `select count(*) from inbox
         where consumer_group = any($1::text[])
           and processed_at >= to_timestamp($2::float8 / 1000)
           and processed_at < to_timestamp($3::float8 / 1000)`,
        [this.groups.groupIds, fromMs, toMs],
      );
      count += Number(rows[0]!.count);
    }
    return count;
  }

  /** How the run's orders ended, from the orders database. */
  async outcomes(orderIds: string[]): Promise<Record<string, number>> {
    const { rows } = await this.pools[0]!.query<{ status: string; count: string }>(
      `select status, count(*) from orders where order_id = any($1::uuid[]) group by status`,
      [orderIds],
    );
    return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
  }

  async close(): Promise<void> {
    await this.stopAll();
    await this.groups.remove();
    await Promise.all(this.pools.map((pool) => pool.end()));
  }
}
