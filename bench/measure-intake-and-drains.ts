import path from 'node:path';
import { BenchPlatform } from './bench-platform';
import { OfferResult, placeOrdersFlatOut } from './offer-orders';

export interface IntakeAndDrainSettings {
  concurrency: number;
  seconds: number;
  profileDir: string;
  runId: string;
  drainTimeoutMs: number;
}

export interface DrainWindow {
  fromMs: number;
  toMs: number;
  drained: boolean;
}

export interface IntakeAndDrains {
  intake: OfferResult & { concurrency: number };
  /** inventory drained OrderPlaced under `--cpu-prof`; payments drained StockReserved. */
  inventory: DrainWindow;
  payments: DrainWindow;
  profileFile: string;
}

/**
 * With inventory and payments stopped, places orders flat out (the HTTP intake alone, its
 * OrderPlaced events piling up), then lets inventory drain them under the CPU profiler, and
 * then payments drain the StockReserved events that inventory wrote meanwhile.
 */
export async function measureIntakeAndDrains(platform: BenchPlatform,
  settings: IntakeAndDrainSettings): Promise<IntakeAndDrains> {
  await Promise.all([platform.stop('inventory'), platform.stop('payments')]);
  const intake = await placeOrdersFlatOut(platform.url('orders'), platform.nextOrder,
    settings.concurrency, settings.seconds);
  console.log(`[bench] intake: ${intake.accepted.length} orders accepted flat out ` +
    `(${intake.acceptedPerSecond}/s, ${intake.failed} failed)`);

  const profileName = `inventory-${settings.runId}.cpuprofile`;
  const inventory = await drain(platform, 'inventory', settings.drainTimeoutMs, [
    '--cpu-prof', `--cpu-prof-dir=${settings.profileDir}`, `--cpu-prof-name=${profileName}`]);
  // Stopping writes the profile; inventory comes back unprofiled for what follows.
  await platform.stop('inventory');
  await platform.start('inventory');
  const payments = await drain(platform, 'payments', settings.drainTimeoutMs);
  await platform.waitForNoLag(settings.drainTimeoutMs);
  return { intake: { ...intake, concurrency: settings.concurrency }, inventory, payments,
    profileFile: path.join(settings.profileDir, profileName) };
}

async function drain(platform: BenchPlatform, name: 'inventory' | 'payments',
  timeoutMs: number, nodeArgs: string[] = []): Promise<DrainWindow> {
  const fromMs = Date.now();
  await platform.start(name, nodeArgs);
  const drainedAt = await platform.waitForNoLag(timeoutMs, name);
  const window = { fromMs, toMs: drainedAt ?? Date.now(), drained: drainedAt !== null };
  console.log(`[bench] ${name} ${window.drained ? 'drained' : 'did not drain'} its backlog in ` +
    `${window.toMs - fromMs} ms from its start`);
  return window;
}
