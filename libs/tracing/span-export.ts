import { Logger } from '../logging/logger';

/** One finished span, in the ids of trace-context.ts. */
export interface FinishedSpan {
  traceId: string;
  spanId: string;
  /** The span that caused this one: the caller's, or the producer of the consumed event. */
  parentSpanId: string | null;
  name: string;
  kind: 'server' | 'consumer' | 'internal';
  startMs: number;
  endMs: number;
  attributes: Record<string, string | number>;
}

export interface SpanExportOptions {
  /** OTEL_EXPORTER_OTLP_ENDPOINT; unset turns export off. Spans go to `<endpoint>/v1/traces`. */
  endpoint: string | undefined;
  serviceName: string;
  /** OTEL_BSP_SCHEDULE_DELAY: how long spans wait in the batch before they are sent. */
  scheduleDelayMs: number;
  log: Logger;
}

export interface SpanExport {
  /** Sends what is buffered, then stops. */
  stop(): Promise<void>;
}

const MAX_BUFFERED_SPANS = 2048;
const SEND_TIMEOUT_MS = 5000;
const KIND_CODES = { internal: 1, server: 2, consumer: 5 } as const;

let active: OtlpSpanBatch | null = null;

/** Records a span for export; does nothing while export is off (the default). */
export function recordSpan(span: FinishedSpan): void {
  active?.add(span);
}

/**
 * Turns span export on when an endpoint is configured: finished spans are batched and posted
 * as OTLP/HTTP JSON to a collector. A collector that is down loses spans, never requests:
 * export failures are logged and the batch dropped.
 */
export function startSpanExport(options: SpanExportOptions): SpanExport {
  if (!options.endpoint) return { stop: async () => undefined };
  const batch = new OtlpSpanBatch(options);
  active = batch;
  options.log.info({ endpoint: options.endpoint }, 'span export to an OTLP collector on');
  return {
    async stop() {
      if (active === batch) active = null;
      await batch.stop();
    },
  };
}

class OtlpSpanBatch {
  private spans: FinishedSpan[] = [];
  private readonly timer: NodeJS.Timeout;
  private readonly url: string;
  private sending: Promise<void> = Promise.resolve();

  constructor(private readonly options: SpanExportOptions) {
    this.url = `${options.endpoint!.replace(/\/+$/, '')}/v1/traces`;
    this.timer = setInterval(() => this.flush(), options.scheduleDelayMs);
    this.timer.unref();
  }

  add(span: FinishedSpan): void {
    // A full buffer drops the oldest span: tracing must never grow memory without bound.
    if (this.spans.length >= MAX_BUFFERED_SPANS) this.spans.shift();
    this.spans.push(span);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.flush();
    await this.sending;
  }

  private flush(): void {
    if (this.spans.length === 0) return;
    const spans = this.spans;
    this.spans = [];
    this.sending = this.sending.then(() => this.send(spans));
  }

  private async send(spans: FinishedSpan[]): Promise<void> {
    try {
      const response = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(otlpRequest(this.options.serviceName, spans)),
        signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      });
      if (!response.ok) throw new Error(`the collector answered ${response.status}`);
    } catch (error) {
      // Spans are diagnostics: the batch is dropped rather than kept for a collector that
      // may stay down; the trace ids are in the logs and event headers either way.
      this.options.log.warn({ err: error, spans: spans.length }, 'span export failed');
    }
  }
}

function otlpRequest(serviceName: string, spans: FinishedSpan[]) {
  return {
    resourceSpans: [{
      resource: { attributes: attributes({ 'service.name': serviceName }) },
      scopeSpans: [{
        scope: { name: 'outbox-saga-platform' },
        spans: spans.map((span) => ({
          traceId: span.traceId,
          spanId: span.spanId,
          ...(span.parentSpanId ? { parentSpanId: span.parentSpanId } : {}),
          name: span.name,
          kind: KIND_CODES[span.kind],
          startTimeUnixNano: `${BigInt(Math.round(span.startMs)) * 1_000_000n}`,
          endTimeUnixNano: `${BigInt(Math.round(span.endMs)) * 1_000_000n}`,
          attributes: attributes(span.attributes),
        })),
      }],
    }],
  };
}

function attributes(values: Record<string, string | number>) {
  return Object.entries(values).map(([key, value]) => ({
    key,
    value: typeof value === 'number' ? { intValue: String(value) } : { stringValue: value },
  }));
}
