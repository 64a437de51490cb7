import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { databaseUrl, readPlatformEndpoints } from '../../libs/config/platform-endpoints';
import { migrateDatabase, PLATFORM_MIGRATION_SET } from '../support/migrate-database';

const PLATFORM_DIR = PLATFORM_MIGRATION_SET.dir;

/** Runs the platform's migrations found in `dir`. */
function migrate(url: string, dir: string): Promise<void> {
  return migrateDatabase(url, [{ dir, table: PLATFORM_MIGRATION_SET.table }]);
}

async function publicationOf(url: string, name: string) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `select p.pubinsert, p.pubupdate, p.pubdelete, p.pubtruncate,
              array(select tablename::text from pg_publication_tables t
                    where t.pubname = p.pubname) as tables
       from pg_publication p where p.pubname = $1`, [name]);
    return rows[0] ?? null;
  } finally {
    await client.end();
  }
}

describe('the outbox publication Debezium reads', () => {
  const endpoints = readPlatformEndpoints();
  const admin = new Client({ connectionString: endpoints.PG_ADMIN_URL });
  const made: string[] = [];

  beforeAll(() => admin.connect());
  afterAll(async () => {
    for (const name of made) await admin.query(`drop database if exists ${name}`);
    await admin.end();
  });

  async function scratchDatabase(): Promise<{ name: string; url: string }> {
    const name = `pub_${randomUUID().slice(0, 8)}`;
    await admin.query(`create database ${name}`);
    made.push(name);
    return { name, url: databaseUrl(endpoints, name) };
  }

  it('is created for outbox inserts only, named after the database', async () => {
    const { name, url } = await scratchDatabase();
    await migrate(url, PLATFORM_DIR);
    expect(await publicationOf(url, `${name}_outbox_pub`)).toEqual({ pubinsert: true,
      pubupdate: false, pubdelete: false, pubtruncate: false, tables: ['outbox'] });
  });

  it('narrows to inserts the one a connector made before the migration existed', async () => {
    const { name, url } = await scratchDatabase();
    const before = mkdtempSync(path.join(os.tmpdir(), 'platform-migrations-'));
    try {
      for (const file of readdirSync(PLATFORM_DIR).filter((f) => f < '005')) {
        copyFileSync(path.join(PLATFORM_DIR, file), path.join(before, file));
      }
      await migrate(url, before);
    } finally {
      rmSync(before, { recursive: true, force: true });
    }
    // What Debezium's filtered autocreate made on a stack that ran before migration 005.
    const client = new Client({ connectionString: url });
    await client.connect();
    await client.query(`create publication ${name}_outbox_pub for table outbox`);
    await client.end();
    expect(await publicationOf(url, `${name}_outbox_pub`)).toMatchObject({ pubdelete: true });

    await migrate(url, PLATFORM_DIR);
    expect(await publicationOf(url, `${name}_outbox_pub`)).toEqual({ pubinsert: true,
      pubupdate: false, pubdelete: false, pubtruncate: false, tables: ['outbox'] });
  });
});
