import { randomUUID } from 'node:crypto';
import { COMPATIBILITY, SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import { EVENT_TOPICS, EventType } from '../../libs/schemas/event-catalog';
import { parseSchema } from '../../libs/schemas/event-codec';
import { readLatestSchema, readSchemaVersions } from '../../libs/schemas/schema-files';
import { endpoints, freshCodec } from '../support/platform';

const EVENT_TYPES = Object.keys(EVENT_TOPICS) as EventType[];

describe('event schemas across versions', () => {
  const registry = new SchemaRegistry({ host: endpoints.SCHEMA_REGISTRY_URL });
  const scratchSubjects: string[] = [];

  afterAll(async () => {
    for (const subject of scratchSubjects) {
      await fetch(`${endpoints.SCHEMA_REGISTRY_URL}/subjects/${subject}`, { method: 'DELETE' });
      await fetch(`${endpoints.SCHEMA_REGISTRY_URL}/subjects/${subject}?permanent=true`,
        { method: 'DELETE' });
    }
  });

  async function registerInOrder(subject: string, definitions: object[]) {
    scratchSubjects.push(subject);
    const ids: number[] = [];
    for (const definition of definitions) {
      const { id } = await registry.register(
        { type: SchemaType.AVRO, schema: JSON.stringify(definition) },
        { subject, compatibility: COMPATIBILITY.BACKWARD_TRANSITIVE });
      ids.push(id);
    }
    return ids;
  }

  it.each(EVENT_TYPES)('reads every older version of %s with the current reader', (eventType) => {
    const reader = parseSchema(readLatestSchema(eventType).definition);
    for (const { version, definition } of readSchemaVersions(eventType)) {
      const writer = parseSchema(definition);
      const written = writer.random() as unknown as Record<string, unknown>;
      const read = reader.fromBuffer(writer.toBuffer(written), reader.createResolver(writer));
      for (const field of Object.keys(written)) {
        expect({ version, field, value: read[field] }).toEqual({ version, field,
          value: written[field] });
      }
    }
  });

  it.each(EVENT_TYPES)('registers every version of %s in order under BACKWARD_TRANSITIVE',
    async (eventType) => {
      const definitions = readSchemaVersions(eventType).map((entry) => entry.definition);
      const ids = await registerInOrder(`test-evolution-${randomUUID()}`, definitions);
      expect(new Set(ids).size).toBe(definitions.length);
    });

  it('refuses a change that the current readers could not read back', async () => {
    const latest = readLatestSchema('OrderPlaced').definition as { fields: object[] };
    const subject = `test-evolution-${randomUUID()}`;
    await registerInOrder(subject, [latest]);
    const incompatible = { ...latest, fields: [...latest.fields,
      { name: 'giftWrap', type: 'boolean' }] };
    await expect(registry.register(
      { type: SchemaType.AVRO, schema: JSON.stringify(incompatible) },
      { subject, compatibility: COMPATIBILITY.BACKWARD_TRANSITIVE }))
      .rejects.toThrow(/incompatible|409|compatib/i);
  });

  it('decodes an OrderPlaced written with v1 with the v2 default, and a v2 one with its value',
    async () => {
      const [v1, v2] = readSchemaVersions('OrderPlaced').map((entry) => entry.definition);
      const [v1Id, v2Id] = await registerInOrder(`test-evolution-${randomUUID()}`, [v1!, v2!]);
      const placedAt = new Date('2026-03-04T05:06:07.089Z');
      const base = { orderId: 'o-1', customerId: 'c-1', lines: [{ sku: 'A', quantity: 2 }],
        placedAt };
      const codec = freshCodec();

      const old = await codec.decode(wire(v1Id!, parseSchema(v1!).toBuffer(base)));
      const current = await codec.decode(wire(v2Id!,
        parseSchema(v2!).toBuffer({ ...base, channel: 'partner-feed' })));
      expect(old.payload).toEqual({ ...base, channel: 'api' });
      expect(current.payload).toEqual({ ...base, channel: 'partner-feed' });
    });

  it('round-trips money as integer cents and times to the millisecond', async () => {
    const codec = freshCodec();
    await codec.registerLatest(['PaymentCaptured', 'OrderConfirmed']);
    const cents = 9_007_199_254_740_990;
    const confirmedAt = new Date('2026-12-31T23:59:59.999Z');
    const captured = await codec.decode(codec.encode('PaymentCaptured',
      { orderId: 'o', paymentId: 'p', amountCents: cents }));
    const confirmed = await codec.decode(codec.encode('OrderConfirmed',
      { orderId: 'o', totalCents: 1, confirmedAt }));
    expect(captured.payload.amountCents).toBe(cents);
    expect(() => codec.encode('PaymentCaptured', { orderId: 'o', paymentId: 'p',
      amountCents: cents + 2 })).toThrow(/amountCents must be an integer \(long\) of magnitude/);
    expect(confirmed.payload.confirmedAt).toEqual(confirmedAt);
    expect((confirmed.payload.confirmedAt as Date).getTime()).toBe(confirmedAt.getTime());
  });
});

function wire(schemaId: number, body: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.writeInt32BE(schemaId, 1);
  return Buffer.concat([header, body]);
}
