import { randomUUID } from 'node:crypto';
import { purgeInboxEntries } from '../../libs/consumer/claim-inbox-entry';
import { withTransaction } from '../../libs/db/pool';
import { testPool } from '../support/platform';

describe('the inbox purge', () => {
  it('deletes entries older than the retention days and keeps the rest', async () => {
    const pool = testPool('orders');
    const group = `test.purge-${randomUUID()}`;
    const [old, recent] = [randomUUID(), randomUUID()];
    try {
      await pool.query(`insert into inbox (consumer_group, event_id, event_type, topic, partition,
        "offset", processed_at) values
        ($1, $2, 'OrderPlaced', 't', 0, 0, now() - interval '31 days'),
        ($1, $3, 'OrderPlaced', 't', 0, 1, now() - interval '29 days')`, [group, old, recent]);
      await withTransaction(pool, (client) => purgeInboxEntries(client, 30));
      const left = await pool.query('select event_id from inbox where consumer_group = $1',
        [group]);
      expect(left.rows).toEqual([{ event_id: recent }]);
    } finally {
      await pool.query('delete from inbox where consumer_group = $1', [group]);
      await pool.end();
    }
  });
});
