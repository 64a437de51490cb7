import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { databaseUrl, readPlatformEndpoints } from '../../libs/config/platform-endpoints';
import { REPO_ROOT } from './platform-services';

export interface ConnectorFile {
  name: string;
  config: Record<string, string>;
}

export function readConnectorFiles(): ConnectorFile[] {
  const dir = path.join(REPO_ROOT, 'debezium');
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .map((file) => JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as ConnectorFile);
}

/**
 * Compose runs Postgres under its service name while the connector files name the local host;
 * CONNECTOR_DATABASE_HOSTNAME lets both stacks share the files with only the host swapped.
 */
export function withDatabaseHost(connector: ConnectorFile, host?: string): ConnectorFile {
  const wanted = host?.trim();
  if (!wanted) return connector;
  return { ...connector, config: { ...connector.config, 'database.hostname': wanted } };
}

/** PUT is idempotent: it creates the connector or updates it to the file's config. */
export async function registerConnector(connectUrl: string, connector: ConnectorFile) {
  const response = await fetch(`${connectUrl}/connectors/${connector.name}/config`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(connector.config),
  });
  if (!response.ok) {
    const detail = await response.text();
    throw new Error(`Connect refused ${connector.name}: ${response.status} ${detail}`);
  }
}

interface ConnectorStatus {
  connector: { state: string };
  tasks: { state: string; trace?: string }[];
}

/** Running means the connector and every task run and the replication slot exists. */
export async function waitUntilRunning(
  connectUrl: string,
  connector: ConnectorFile,
  timeoutMs: number,
) {
  const deadline = Date.now() + timeoutMs;
  const pool = new pg.Pool({
    connectionString: databaseUrl(readPlatformEndpoints(), 'postgres'),
    max: 1,
  });
  try {
    for (;;) {
      const status = await readStatus(connectUrl, connector.name);
      const failed = status?.tasks.find((task) => task.state === 'FAILED');
      if (failed) throw new Error(`${connector.name} task failed: ${failed.trace?.split('\n')[0]}`);
      const running = status?.connector.state === 'RUNNING' && status.tasks.length > 0 &&
        status.tasks.every((task) => task.state === 'RUNNING');
      if (running && (await slotExists(pool, connector.config['slot.name']!))) return;
      if (Date.now() > deadline) {
        throw new Error(`${connector.name} is not running after ${timeoutMs} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } finally {
    await pool.end();
  }
}

async function readStatus(connectUrl: string, name: string): Promise<ConnectorStatus | null> {
  const response = await fetch(`${connectUrl}/connectors/${name}/status`);
  return response.ok ? ((await response.json()) as ConnectorStatus) : null;
}

async function slotExists(pool: pg.Pool, slot: string): Promise<boolean> {
  const result = await pool.query(
    'select 1 from pg_replication_slots where slot_name = $1', [slot]);
  return result.rowCount === 1;
}

export async function registerAllConnectors(): Promise<void> {
  const { CONNECT_URL } = readPlatformEndpoints();
  const databaseHost = process.env.CONNECTOR_DATABASE_HOSTNAME;
  for (const file of readConnectorFiles()) {
    const connector = withDatabaseHost(file, databaseHost);
    await registerConnector(CONNECT_URL, connector);
    await waitUntilRunning(CONNECT_URL, connector, 60000);
    const slot = connector.config['slot.name'];
    console.log(`[stack] connector ${connector.name} is running (slot ${slot})`);
  }
}

if (require.main === module) {
  registerAllConnectors().catch((error) => {
    console.error(`[stack] error: registering connectors failed: ${error.message}`);
    process.exit(1);
  });
}
