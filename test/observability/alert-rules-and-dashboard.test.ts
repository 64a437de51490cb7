import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import {
  ADMIN_METRICS,
  PROMETHEUS_METRICS,
  declaredMetrics,
  metricsIn,
} from '../support/metric-names';
import { promtool } from '../support/promtool';
import { REPO_ROOT } from '../support/service-process';

const PROMETHEUS_DIR = path.join(REPO_ROOT, 'infra', 'prometheus');
const DASHBOARDS_DIR = path.join(REPO_ROOT, 'infra', 'grafana', 'dashboards');

interface AlertRule { alert: string; expr: string }
interface RuleFile { groups: { name: string; rules: AlertRule[] }[] }
interface RuleTestFile {
  rule_files: string[];
  tests: { alert_rule_test?: { alertname: string; exp_alerts?: unknown[] }[] }[];
}
interface Panel { title: string; type: string; targets?: { expr: string }[] }

const yamlFiles = (dir: string) => readdirSync(dir).filter((name) => name.endsWith('.yml'))
  .map((name) => path.join(dir, name));
const ruleFiles = yamlFiles(path.join(PROMETHEUS_DIR, 'rules'));
const ruleTestFiles = yamlFiles(path.join(PROMETHEUS_DIR, 'tests'));
const alertRules = ruleFiles.flatMap((file) =>
  (parse(readFileSync(file, 'utf8')) as RuleFile).groups.flatMap((group) => group.rules));
const dashboardFiles = readdirSync(DASHBOARDS_DIR).filter((name) => name.endsWith('.json'))
  .map((name) => path.join(DASHBOARDS_DIR, name));
const panels: Panel[] = dashboardFiles.flatMap((file) =>
  (JSON.parse(readFileSync(file, 'utf8')) as { panels: Panel[] }).panels);
const panelQueries = panels.flatMap((panel) =>
  (panel.targets ?? []).map((target) => ({ title: panel.title, expr: target.expr })));

/** Grafana's own variables replaced by what they stand for, so promtool can parse a query. */
const asPromql = (expr: string) => expr.replace(/\$__rate_interval|\$__interval/g, '5m');

describe('the Prometheus alert rules', () => {
  it('pass promtool check rules', () => {
    const run = promtool(['check', 'rules', ...ruleFiles]);
    expect(run.output).toContain('SUCCESS');
    expect({ status: run.status, output: run.output }).toEqual({ status: 0, output: run.output });
  });

  it('pass their promtool unit tests, which fire each alert on made-up series', () => {
    const run = promtool(['test', 'rules', ...ruleTestFiles]);
    expect({ status: run.status, output: run.output }).toEqual({ status: 0, output: run.output });
  });

  it('have a unit test that expects each alert to fire', () => {
    const fired = new Set(ruleTestFiles.flatMap((file) =>
      (parse(readFileSync(file, 'utf8')) as RuleTestFile).tests
        .flatMap((test) => test.alert_rule_test ?? [])
        .filter((check) => (check.exp_alerts ?? []).length > 0)
        .map((check) => check.alertname)));
    const untested = alertRules.map((rule) => rule.alert).filter((name) => !fired.has(name));
    expect(untested).toEqual([]);
  });

  it('cover growing lag, old events, dead letters, stuck sagas, connectors and slots', () => {
    const names = alertRules.map((rule) => rule.alert);
    expect(names).toEqual(expect.arrayContaining(['ConsumerLagGrowing', 'ConsumerEventsTooOld',
      'DeadLettersWritten', 'SagaOrdersPastDeadline', 'ConnectorFailed',
      'ReplicationSlotLagHigh', 'ReplicationSlotInactive']));
  });

  it('are loaded by the Prometheus config, which promtool accepts', () => {
    const run = promtool(['check', 'config', path.join(PROMETHEUS_DIR, 'prometheus.yml')]);
    expect({ status: run.status, output: run.output }).toEqual({ status: 0, output: run.output });
    expect(run.output).toContain(`${ruleFiles.length} rule files found`);
  });
});

describe('the alert rules and the Grafana dashboard', () => {
  const known = new Set([...declaredMetrics(), ...ADMIN_METRICS, ...PROMETHEUS_METRICS]);

  it('read only metrics that a service or the admin service exports', () => {
    const queries = [
      ...alertRules.map((rule) => ({ where: `alert ${rule.alert}`, expr: rule.expr })),
      ...panelQueries.map((query) => ({ where: `panel ${query.title}`, expr: query.expr })),
    ];
    const readingNothing = queries.filter(({ expr }) => metricsIn(expr).length === 0);
    expect(readingNothing).toEqual([]);
    const unknown = queries.flatMap(({ where, expr }) =>
      metricsIn(expr).filter((name) => !known.has(name)).map((name) => `${where}: ${name}`));
    expect(unknown).toEqual([]);
  });

  it('notice a query that reads a metric nobody exports', () => {
    expect(metricsIn('sum by (group) (rate(consumer_events_hadnled_total{outcome="x"}[5m]))'))
      .toEqual(['consumer_events_hadnled_total']);
    expect(known.has('consumer_events_hadnled_total')).toBe(false);
  });

  it('give on-call its panels: throughput, lag in seconds, saga outcomes, dead letters, slots',
    () => {
    const reads = (metric: string) => panelQueries.some((query) =>
      metricsIn(query.expr).includes(metric));
    for (const metric of ['consumer_events_handled_total', 'outbox_events_appended_total',
      'consumer_group_lag_seconds', 'saga_outcomes_total', 'consumer_dead_letters_total',
      'replication_slot_lag_bytes']) {
      expect({ metric, shown: reads(metric) }).toEqual({ metric, shown: true });
    }
  });

  it('has dashboard queries that are valid PromQL', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dashboard-queries-'));
    try {
      const file = path.join(dir, 'queries.yml');
      const rules = panelQueries.map((query, index) => ({ record: `panel:query_${index}`,
        expr: asPromql(query.expr) }));
      writeFileSync(file, stringify({ groups: [{ name: 'dashboard', rules }] }));
      const run = promtool(['check', 'rules', file]);
      expect({ status: run.status, output: run.output }).toEqual({ status: 0, output: run.output });
      expect(run.output).toContain(`${panelQueries.length} rules found`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
