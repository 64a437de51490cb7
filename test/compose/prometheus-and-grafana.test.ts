import path from 'node:path';
import { parse } from 'yaml';
import { PLATFORM_SERVICES } from '../../infra/tasks/platform-services';
import {
  REPO_ROOT,
  dependenciesOf,
  environmentOf,
  mountsOf,
  publishedPortsOf,
  readCompose,
  readRepoFile,
  serviceOf,
} from './compose-file';

/**
 * Prometheus and Grafana in compose: the scrape config reaches every service where compose
 * runs it, and both read their configuration from infra/ through mounts.
 */

interface ScrapeConfig { job_name: string; static_configs?: { targets: string[] }[] }
interface PrometheusConfig { rule_files: string[]; scrape_configs: ScrapeConfig[] }

const compose = readCompose();
const prometheusConfig = parse(readRepoFile('infra/prometheus/prometheus.yml')) as
  PrometheusConfig;
const targets = prometheusConfig.scrape_configs.flatMap((job) =>
  (job.static_configs ?? []).flatMap((config) => config.targets));

const flagOf = (name: string, flag: string) => [serviceOf(compose, name).command ?? []].flat()
  .map(String).find((arg) => arg.startsWith(`${flag}=`))?.slice(flag.length + 1);
const mountFrom = (name: string, relative: string) => mountsOf(serviceOf(compose, name))
  .find((mount) => mount.source === path.join(REPO_ROOT, relative));

/** Services built from the platform image that listen on a PORT: the ones with /metrics. */
function servicesWithMetrics(): [string, string][] {
  return Object.entries(compose.services)
    .filter(([, service]) => service.build && environmentOf(service).PORT)
    .map(([name, service]) => [name, environmentOf(service).PORT!]);
}

describe('Prometheus and Grafana in infra/compose.yaml', () => {
  it('scrapes every service the local supervisor runs, at its compose host name and port', () => {
    for (const service of PLATFORM_SERVICES) {
      expect(targets).toContain(`${service.name}:${service.port}`);
    }
  });

  it('scrapes every service compose builds from the platform image', () => {
    const services = servicesWithMetrics();
    expect(services.map(([name]) => name))
      .toEqual(expect.arrayContaining(PLATFORM_SERVICES.map((service) => service.name)));
    for (const [name, port] of services) expect(targets).toContain(`${name}:${port}`);
  });

  it('scrapes the admin service, which exports lag, slot and connector metrics', () => {
    expect(targets).toContain('admin:3000');
  });

  it('mounts the Prometheus config and its rules where the config looks for them', () => {
    const configPath = flagOf('prometheus', '--config.file');
    expect(mountFrom('prometheus', 'infra/prometheus/prometheus.yml')?.target).toBe(configPath);
    const rulesMount = mountFrom('prometheus', 'infra/prometheus/rules');
    for (const pattern of prometheusConfig.rule_files) {
      const resolved = path.posix.join(path.posix.dirname(configPath ?? ''), pattern);
      expect(path.posix.dirname(resolved)).toBe(rulesMount?.target);
    }
    const listen = flagOf('prometheus', '--web.listen-address');
    expect(publishedPortsOf(serviceOf(compose, 'prometheus')))
      .toContainEqual(expect.objectContaining({ published: 9090,
        target: Number(listen?.split(':').pop()) }));
  });

  it('gives Grafana the Prometheus data source and the dashboards of infra/grafana', () => {
    const datasources = parse(readRepoFile(
      'infra/grafana/provisioning/datasources/prometheus.yml')) as
      { datasources: { uid: string; url: string }[] };
    const listen = flagOf('prometheus', '--web.listen-address')?.split(':').pop();
    expect(datasources.datasources.map((source) => source.url))
      .toContain(`http://prometheus:${listen}`);

    const providers = parse(readRepoFile('infra/grafana/provisioning/dashboards/platform.yml')) as
      { providers: { options: { path: string } }[] };
    const dashboards = mountFrom('grafana', 'infra/grafana/dashboards');
    expect(providers.providers.map((provider) => provider.options.path))
      .toContain(dashboards?.target);
    expect(mountFrom('grafana', 'infra/grafana/provisioning')?.target)
      .toBe('/etc/grafana/provisioning');

    const dashboard = JSON.parse(readRepoFile('infra/grafana/dashboards/platform-overview.json'));
    const uids = new Set(dashboard.panels.flatMap((panel: { datasource?: { uid: string } }) =>
      (panel.datasource ? [panel.datasource.uid] : [])));
    expect([...uids]).toEqual(datasources.datasources.map((source) => source.uid));
  });

  it('serves Grafana on 3300 inside and outside the container, once Prometheus is healthy', () => {
    const grafana = serviceOf(compose, 'grafana');
    expect(environmentOf(grafana).GF_SERVER_HTTP_PORT).toBe('3300');
    expect(publishedPortsOf(grafana))
      .toContainEqual(expect.objectContaining({ published: 3300, target: 3300 }));
    expect(dependenciesOf(grafana)).toEqual({ prometheus: 'service_healthy' });
    const home = environmentOf(grafana).GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH ?? '';
    expect(path.posix.dirname(home)).toBe(mountFrom('grafana', 'infra/grafana/dashboards')?.target);
  });

  it('probes Prometheus and Grafana on the ports they listen on', () => {
    const probe = (name: string) => [serviceOf(compose, name).healthcheck?.test ?? []].flat()
      .join(' ');
    expect(probe('prometheus')).toContain('http://127.0.0.1:9090/-/ready');
    expect(probe('grafana')).toContain('http://127.0.0.1:3300/api/health');
  });
});
