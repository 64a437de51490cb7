import avro from 'avsc';

/**
 * Avro `timestamp-millis` as a JavaScript Date. Without it avsc hands out bare numbers and
 * accepts any long, so a timestamp would not round-trip as a time.
 */
export class TimestampMillisType extends avro.types.LogicalType {
  override _fromValue(value: number): Date {
    return new Date(value);
  }

  override _toValue(value: unknown): number | undefined {
    if (value instanceof Date) return value.getTime();
    return undefined;
  }

  /** Returns what a value written with `type` reads as: a Date, whatever the writer had. */
  override _resolve(type: avro.Type): ((value: number | Date) => Date) | undefined {
    if (avro.Type.isType(type, 'logical:timestamp-millis')) return (value) => value as Date;
    if (avro.Type.isType(type, 'long', 'int')) return (value) => new Date(value as number);
    return undefined;
  }
}

export const LOGICAL_TYPES = { 'timestamp-millis': TimestampMillisType };
