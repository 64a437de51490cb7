import avro from 'avsc';
import { COMPATIBILITY, SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import { FieldIssue, PlatformError, ValidationError } from '../errors/platform-error';
import { EVENT_TOPICS, EventType, isEventType } from './event-catalog';
import { readLatestSchema } from './schema-files';
import { LOGICAL_TYPES } from './timestamp-millis';

const MAGIC_BYTE = 0;
const WIRE_HEADER_BYTES = 5;

export class SchemaRegistryError extends PlatformError {}

export interface DecodedEvent {
  eventType: EventType;
  schemaId: number;
  payload: Record<string, unknown>;
}

/** Subjects follow the topic-record strategy: `<topic>-<namespace.Record>`. */
export function subjectOf(eventType: EventType, definition: Record<string, unknown>): string {
  return `${EVENT_TOPICS[eventType]}-${definition.namespace}.${definition.name}`;
}

export function parseSchema(definition: Record<string, unknown>): avro.Type {
  return avro.Type.forSchema(definition as avro.Schema, { logicalTypes: LOGICAL_TYPES });
}

/**
 * Encodes events in the Confluent wire format (magic byte, schema id, Avro body) with the
 * latest schema file of their type, and decodes any registered writer version with that latest
 * schema as the reader, so old events read with today's defaults.
 */
export class EventCodec {
  private readonly readers = new Map<string, avro.Type>();
  private readonly writerIds = new Map<EventType, number>();
  private readonly writers = new Map<number, avro.Type>();
  private readonly resolvers = new Map<number, { reader: avro.Type; resolver: avro.Resolver }>();

  constructor(
    private readonly registry: SchemaRegistry,
    private readonly registryUrl: string,
  ) {}

  static connect(registryUrl: string): EventCodec {
    const registry = new SchemaRegistry({ host: registryUrl, retry: { retries: 2 } });
    return new EventCodec(registry, registryUrl);
  }

  /** Resolves when the registry answers its API; for readiness checks. */
  async ping(): Promise<void> {
    const response = await fetch(`${this.registryUrl}/config`);
    if (!response.ok) throw new Error(`schema registry answered ${response.status}`);
  }

  /** Registers the latest schema of each type (idempotent) and remembers its schema id. */
  async registerLatest(eventTypes: readonly EventType[]): Promise<void> {
    for (const eventType of eventTypes) {
      const { definition } = readLatestSchema(eventType);
      const subject = subjectOf(eventType, definition);
      try {
        const { id } = await this.registry.register(
          { type: SchemaType.AVRO, schema: JSON.stringify(definition) },
          { subject, compatibility: COMPATIBILITY.BACKWARD_TRANSITIVE },
        );
        this.writerIds.set(eventType, id);
      } catch (error) {
        throw registryError(`registering ${subject} failed`, error, { subject });
      }
    }
  }

  encode(eventType: EventType, payload: object): Buffer {
    const schemaId = this.writerIds.get(eventType);
    if (schemaId === undefined) {
      throw new PlatformError('schema_not_registered', `${eventType} was not registered`, {
        context: { eventType },
      });
    }
    const type = this.readerFor(eventType);
    const issues: FieldIssue[] = [];
    type.isValid(payload, {
      errorHook: (path, value, fieldType) =>
        issues.push({ field: path.join('.'), rule: `must be ${describeType(fieldType)}`, value }),
    });
    if (issues.length > 0) throw new ValidationError(issues, { eventType });
    const header = Buffer.alloc(WIRE_HEADER_BYTES);
    header.writeUInt8(MAGIC_BYTE, 0);
    header.writeInt32BE(schemaId, 1);
    return Buffer.concat([header, type.toBuffer(payload)]);
  }

  async decode(buffer: Buffer | null): Promise<DecodedEvent> {
    if (!buffer || buffer.length < WIRE_HEADER_BYTES || buffer.readUInt8(0) !== MAGIC_BYTE) {
      throw new PlatformError('not_wire_format', 'value is not in the Confluent wire format', {
        context: { bytes: buffer?.length ?? 0 },
      });
    }
    const schemaId = buffer.readInt32BE(1);
    const { reader, resolver } = await this.resolverFor(schemaId);
    let payload: Record<string, unknown>;
    try {
      payload = reader.fromBuffer(buffer.subarray(WIRE_HEADER_BYTES), resolver, true);
    } catch (error) {
      throw new PlatformError('undecodable', `value does not decode with schema ${schemaId}`, {
        context: { schemaId },
        cause: error,
      });
    }
    return { eventType: reader.name!.split('.').pop() as EventType, schemaId, payload };
  }

  private readerFor(eventType: EventType): avro.Type {
    let reader = this.readers.get(eventType);
    if (!reader) {
      reader = parseSchema(readLatestSchema(eventType).definition);
      this.readers.set(eventType, reader);
    }
    return reader;
  }

  private async resolverFor(schemaId: number) {
    const cached = this.resolvers.get(schemaId);
    if (cached) return cached;
    const writer = await this.writerSchema(schemaId);
    const eventType = writer.name?.split('.').pop() ?? '';
    if (!isEventType(eventType)) {
      throw new PlatformError('unknown_event_type', `schema ${schemaId} is not an event type`, {
        context: { schemaId, recordName: writer.name ?? null },
      });
    }
    const reader = this.readerFor(eventType);
    const entry = { reader, resolver: reader.createResolver(writer) };
    this.resolvers.set(schemaId, entry);
    return entry;
  }

  private async writerSchema(schemaId: number): Promise<avro.Type> {
    const cached = this.writers.get(schemaId);
    if (cached) return cached;
    let writer: avro.Type;
    try {
      writer = (await this.registry.getSchema(schemaId)) as unknown as avro.Type;
    } catch (error) {
      throw registryError(`schema ${schemaId} could not be read`, error, { schemaId });
    }
    // Re-parse with our logical types so the resolver maps timestamps to Dates.
    const parsed = parseSchema(writer.schema() as unknown as Record<string, unknown>);
    this.writers.set(schemaId, parsed);
    return parsed;
  }
}

function describeType(type: avro.Type): string {
  const name = type.typeName;
  if (name === 'logical:timestamp-millis') return 'a Date';
  if (name === 'int') return 'an integer (int)';
  // avsc accepts only longs that JavaScript numbers hold exactly.
  if (name === 'long') return 'an integer (long) of magnitude at most 9007199254740990';
  if (name === 'record') return 'an object';
  return `of type ${name}`;
}

/** A registry that says "not found" will not change its mind; a broken connection may. */
function registryError(
  message: string,
  error: unknown,
  context: Record<string, string | number>,
): SchemaRegistryError {
  const status = (error as { status?: number }).status;
  const notFound = status === 404 || /not found/i.test(String((error as Error)?.message));
  return new SchemaRegistryError(notFound ? 'unknown_schema' : 'registry_unavailable', message, {
    retriable: !notFound && (status === undefined || status >= 500),
    context: { ...context, status: status ?? null },
    cause: error,
  });
}
