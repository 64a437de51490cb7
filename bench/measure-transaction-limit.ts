import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { PLATFORM_MIGRATIONS, runMigrations } from '../libs/db/run-migrations';
import { REPO_ROOT } from '../infra/tasks/platform-services';

const run = promisify(execFile);
const PGBENCH_DIR = path.join(REPO_ROOT, 'bench', 'pgbench');
const SCRATCH_DATABASE = 'bench_limit';

export interface TransactionLimit {
  script: string;
  clients: number;
  seconds: number;
  transactionsPerSecond: number;
  latencyAverageMs: number;
  failed: number;
}

export interface TransactionLimits {
  producer: TransactionLimit;
  consumer: TransactionLimit;
}

export interface LimitSettings {
  /** A Postgres URL of the server the services use; the scratch database goes beside theirs. */
  adminUrl: string;
  producerClients: number;
  consumerClients: number;
  seconds: number;
}

/**
 * The machine's limit for the platform's two transaction shapes: pgbench runs the producer
 * transaction (order + outbox row) and the consumer transaction (inbox claim + business update +
 * outbox row) on the same Postgres, in a scratch database it creates, migrates like a service
 * database and drops, so the service databases are never touched.
 */
export async function measureTransactionLimits(settings: LimitSettings):
  Promise<TransactionLimits> {
  await recreateScratchDatabase(settings.adminUrl);
  try {
    const target = scratchUrl(settings.adminUrl);
    // The services' own migrations, so the limit writes the very tables, indexes and
    // constraints the platform does; the seed adds products and nothing else.
    await runMigrations(target, [PLATFORM_MIGRATIONS,
      ...['orders', 'inventory'].map((name) => ({
        dir: path.join(REPO_ROOT, 'services', name, 'migrations'),
        table: `${name}_migrations` }))]);
    await run('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', target,
      '-f', path.join(PGBENCH_DIR, 'seed.sql')]);
    const producer = await runPgbench(target, 'producer-transaction.sql',
      settings.producerClients, settings.seconds);
    const consumer = await runPgbench(target, 'consumer-transaction.sql',
      settings.consumerClients, settings.seconds);
    return { producer, consumer };
  } finally {
    await dropScratchDatabase(settings.adminUrl);
  }
}

async function runPgbench(target: string, script: string, clients: number, seconds: number):
  Promise<TransactionLimit> {
  const { stdout } = await run('pgbench', ['-n', '-M', 'extended', '-c', String(clients),
    '-j', '2', '-T', String(seconds), '-f', path.join(PGBENCH_DIR, script), target]);
  const number = (pattern: RegExp) => {
    const match = pattern.exec(stdout);
    if (!match) throw new Error(`pgbench printed no ${pattern.source} for ${script}:\n${stdout}`);
    return Number(match[1]);
  };
  return { script, clients, seconds,
    transactionsPerSecond: Math.round(number(/tps = ([\d.]+)/)),
    latencyAverageMs: number(/latency average = ([\d.]+) ms/),
    failed: number(/number of failed transactions: (\d+)/) };
}

function scratchUrl(adminUrl: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${SCRATCH_DATABASE}`;
  return url.toString();
}

async function recreateScratchDatabase(adminUrl: string): Promise<void> {
  await dropScratchDatabase(adminUrl);
  await adminStatement(adminUrl, `create database ${SCRATCH_DATABASE}`);
}

async function dropScratchDatabase(adminUrl: string): Promise<void> {
  await adminStatement(adminUrl, `drop database if exists ${SCRATCH_DATABASE} with (force)`);
}

async function adminStatement(adminUrl: string, statement: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** The pgbench that ran, for the results' versions. */
export async function pgbenchVersion(): Promise<string> {
  const { stdout } = await run('pgbench', ['--version']);
  return stdout.trim();
}
