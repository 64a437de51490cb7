import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

type Metric = Counter<string> | Gauge<string> | Histogram<string>;
type MetricTypeName = 'counter' | 'gauge' | 'histogram';

/**
 * One registry per process, kept on the global object: a module loaded twice (two copies of
 * libs/, a test runner's fresh module registry) still finds the same registry and the same
 * metrics instead of registering a name again.
 */
const REGISTRY_KEY = Symbol.for('outbox-saga-platform.metrics-registry');
const shared = globalThis as typeof globalThis & { [REGISTRY_KEY]?: Registry };

export const metricsRegistry: Registry = shared[REGISTRY_KEY] ?? createRegistry();

function createRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  shared[REGISTRY_KEY] = registry;
  return registry;
}

/**
 * The metric already registered under `name`, or null. A second registration with another
 * type or other labels is a programming error and says so, rather than returning a metric
 * the caller would use with the wrong labels. Types compare by name, not by class, because
 * a second copy of prom-client has classes of its own.
 */
function registered<M extends Metric>(name: string, type: MetricTypeName, labelNames: string[]) {
  const existing = metricsRegistry.getSingleMetric(name);
  if (!existing) return null;
  const shape = existing as unknown as { type: string; labelNames?: string[] };
  const existingLabels = shape.labelNames ?? [];
  if (shape.type !== type || existingLabels.join(',') !== labelNames.join(',')) {
    throw new Error(`metric ${name} is already registered as a ${shape.type} `
      + `with labels [${existingLabels.join(', ')}]`);
  }
  return existing as M;
}

export function counter<L extends string>(name: string, help: string, labelNames: L[] = []) {
  return registered<Counter<L>>(name, 'counter', labelNames)
    ?? new Counter<L>({ name, help, labelNames, registers: [metricsRegistry] });
}

export function histogram<L extends string>(
  name: string,
  help: string,
  labelNames: L[],
  buckets: number[],
) {
  return registered<Histogram<L>>(name, 'histogram', labelNames)
    ?? new Histogram<L>({ name, help, labelNames, buckets, registers: [metricsRegistry] });
}

/** `collect` runs on every scrape, for a value read from elsewhere (a count of rows). */
export function gauge<L extends string>(
  name: string,
  help: string,
  labelNames: L[] = [],
  collect?: (this: Gauge<L>) => Promise<void> | void,
) {
  return registered<Gauge<L>>(name, 'gauge', labelNames)
    ?? new Gauge<L>({ name, help, labelNames, collect, registers: [metricsRegistry] });
}

