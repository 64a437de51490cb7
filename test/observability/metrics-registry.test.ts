import type { Registry } from 'prom-client';
import type * as RegistryModule from '../../libs/metrics/metrics-registry';
import type * as ConsumerMetricsModule from '../../libs/consumer/consumer-metrics';

/** Loads a module in a fresh module registry, as a second copy of libs/ would be loaded. */
function loadFresh<T extends object>(modulePath: string): T {
  let loaded: T | undefined;
  jest.isolateModules(() => {
    loaded = jest.requireActual<T>(modulePath);
  });
  return loaded!;
}

const seriesNamed = async (registry: Registry, name: string) =>
  (await registry.getMetricsAsJSON()).filter((metric) => metric.name === name);

describe('the metrics registry', () => {
  it('registers a metric once however many times its module is loaded', async () => {
    const first = loadFresh<typeof ConsumerMetricsModule>('../../libs/consumer/consumer-metrics');
    const second = loadFresh<typeof ConsumerMetricsModule>('../../libs/consumer/consumer-metrics');
    first.consumerMetrics().retries.inc({ group: 'registry-test.one' });
    second.consumerMetrics().retries.inc({ group: 'registry-test.one' });

    const registry = loadFresh<typeof RegistryModule>('../../libs/metrics/metrics-registry');
    const retries = await seriesNamed(registry.metricsRegistry, 'consumer_retries_total');
    expect(retries).toHaveLength(1);
    expect(retries[0]!.values).toContainEqual(
      expect.objectContaining({ labels: { group: 'registry-test.one' }, value: 2 }));
  });

  it('exposes the default Node.js metrics once, not once per load', async () => {
    loadFresh<typeof RegistryModule>('../../libs/metrics/metrics-registry');
    const registry = loadFresh<typeof RegistryModule>('../../libs/metrics/metrics-registry');
    const text = await registry.metricsRegistry.metrics();
    expect(text.match(/^# TYPE process_cpu_seconds_total /gm)).toHaveLength(1);
  });

  it('refuses a name registered again with another type or other labels', () => {
    const { counter, gauge } = loadFresh<typeof RegistryModule>(
      '../../libs/metrics/metrics-registry');
    counter('registry_test_refusals_total', 'test', ['group']);
    expect(() => gauge('registry_test_refusals_total', 'test', ['group']))
      .toThrow('metric registry_test_refusals_total is already registered as a counter');
    expect(() => counter('registry_test_refusals_total', 'test', ['topic']))
      .toThrow('with labels [group]');
    expect(counter('registry_test_refusals_total', 'test', ['group'])).toBeDefined();
  });
});
