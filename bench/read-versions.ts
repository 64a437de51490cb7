import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { Pool } from 'pg';
import { REPO_ROOT } from '../infra/tasks/platform-services';
import { pgbenchVersion } from './measure-transaction-limit';

const run = promisify(execFile);

const read = (file: string) => readFileSync(path.join(REPO_ROOT, file), 'utf8');

/** Versions of what ran: the runtime, the packages, the stack's parts and the commit. */
export async function readVersions(pool: Pool): Promise<Record<string, string>> {
  const stack = read('infra/lib/common.sh');
  const stackVersion = (name: string) =>
    new RegExp(`^${name}=(\\S+)`, 'm').exec(stack)?.[1] ?? 'unknown';
  const packageVersion = (name: string) =>
    JSON.parse(read(`node_modules/${name}/package.json`)).version as string;
  const { rows } = await pool.query<{ server_version: string }>('show server_version');
  return {
    node: process.version,
    postgres: rows[0]!.server_version,
    pgbench: await pgbenchVersion(),
    kafka: stackVersion('KAFKA_VERSION'),
    debezium: stackVersion('DEBEZIUM_VERSION'),
    apicurio: stackVersion('APICURIO_VERSION'),
    kafkajs: packageVersion('kafkajs'),
    pg: packageVersion('pg'),
    express: packageVersion('express'),
    commit: await gitOutput(['rev-parse', '--short', 'HEAD']),
    uncommittedChanges:
      (await gitOutput(['--no-optional-locks', 'status', '--porcelain'])) === '' ? 'no' : 'yes',
  };
}

/** The latency knobs as configured: each is read from the file that sets it. */
export function readKnobs(): Record<string, string> {
  const connector = JSON.parse(read('debezium/orders-outbox.json')).config;
  const worker = read('infra/connect/worker.properties');
  const consumer = read('libs/consumer/event-consumer.ts');
  const service = read('libs/service/service-config.ts');
  const setting = (text: string, pattern: RegExp) => pattern.exec(text)?.[1] ?? 'unset';
  return {
    'debezium poll.interval.ms': connector['poll.interval.ms'] ?? 'unset',
    'debezium max.batch.size': connector['max.batch.size'] ?? 'default (2048)',
    'connect producer.linger.ms': setting(worker, /^producer\.linger\.ms=(\S+)/m),
    'consumer maxWaitTimeInMs': setting(consumer, /maxWaitTimeInMs:\s*([^,\n]+)/),
    'consumer partitionsConsumedConcurrently':
      setting(consumer, /partitionsConsumedConcurrently \?\? (\d+)/),
    'consumer autoCommitInterval': setting(consumer, /autoCommitInterval:\s*([^,\n]+)/),
    'service DB_POOL_MAX': setting(service, /DB_POOL_MAX: intVar\((\d+)/),
  };
}

async function gitOutput(args: string[]): Promise<string> {
  try {
    const { stdout } = await run('git', args, { cwd: REPO_ROOT });
    return stdout.trim();
  } catch {
    return 'unknown';
  }
}
