import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { deadLetterTopicOf } from '../../libs/kafka/consumer-groups';
import { readTopic } from '../../libs/kafka/read-topic';
import { databaseUrl } from '../../libs/config/platform-endpoints';
import { endpoints } from '../support/platform';
import { REPO_ROOT } from '../support/service-process';
import { TestConsumerBed } from '../support/test-consumer';

describe('an event that kills its process', () => {
  let bed: TestConsumerBed;

  beforeAll(async () => {
    bed = new TestConsumerBed();
    await bed.setUp(1);
  });

  afterAll(async () => {
    await bed.tearDown();
  });

  function startFixture(): ChildProcess {
    return spawn(process.execPath, [path.join('dist', 'test', 'fixtures', 'poison-consumer.js')], {
      cwd: REPO_ROOT,
      stdio: 'ignore',
      env: { ...process.env, LOG_LEVEL: 'warn', TOPIC: bed.topic, GROUP_ID: bed.groupId,
        DATABASE_URL: databaseUrl(endpoints, 'orders'),
        SCHEMA_REGISTRY_URL: endpoints.SCHEMA_REGISTRY_URL },
    });
  }

  it('is dead-lettered after a bounded number of restarts, and the events after it apply',
    async () => {
      await bed.send('healthy-1');
      const poisonSentAt = Date.now();
      await bed.send('poison');
      await bed.send('healthy-2');

      let starts = 0;
      let crashes = 0;
      let fixture: ChildProcess | null = null;
      const deadline = Date.now() + 120000;
      while (Date.now() < deadline && !(await appliedAfterPoison())) {
        if (!fixture || fixture.exitCode !== null || fixture.signalCode !== null) {
          if (fixture) crashes += 1;
          fixture = startFixture();
          starts += 1;
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const deadLetteredAfterMs = Date.now() - poisonSentAt;
      fixture!.kill('SIGTERM');
      if (fixture!.exitCode === null) await once(fixture!, 'exit');

      const [letter] = await readTopic(bed.kafka, deadLetterTopicOf(bed.groupId), {
        fromOffsets: new Map([[0, '0']]), timeoutMs: 10000, until: (read) => read.length > 0 });
      expect(letter!.key).toBe('poison');
      expect(letter!.headers['x-error-class']).toBe('crash_loop');
      expect(crashes).toBeGreaterThanOrEqual(1);
      expect(crashes).toBeLessThanOrEqual(3);
      console.log(`poison event dead-lettered after ${crashes} crashes and ${starts} starts, ` +
        `${deadLetteredAfterMs} ms after it was sent`);
    });

  async function appliedAfterPoison(): Promise<boolean> {
    const result = await bed.pool.query(
      `select count(*)::int as n from inbox where consumer_group = $1 and outcome = 'recorded'`,
      [bed.groupId]);
    return result.rows[0].n === 2;
  }
});
