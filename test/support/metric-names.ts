import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './service-process';

/**
 * What the admin service exports for every group, slot and connector: the alert rules and
 * the dashboard read these names, and the admin service promises them.
 */
export const ADMIN_METRICS = [
  'consumer_group_lag_messages',
  'consumer_group_lag_seconds',
  'replication_slot_lag_bytes',
  'replication_slot_active',
  'connector_state',
  'connector_task_state',
  'saga_orders_unsettled_past_deadline',
];

/** Series Prometheus makes itself: scrape health and alert state. */
export const PROMETHEUS_METRICS = ['up', 'ALERTS', 'ALERTS_FOR_STATE'];

const REGISTRATION = /\b(counter|gauge|histogram)\(\s*'([a-zA-Z_:][a-zA-Z0-9_:]*)'/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Every series name the services' own code registers, histogram suffixes included. */
export function declaredMetrics(): Set<string> {
  const names = new Set<string>();
  const files = ['libs', 'services'].flatMap((dir) => sourceFiles(path.join(REPO_ROOT, dir)));
  for (const file of files) {
    for (const [, kind, name] of readFileSync(file, 'utf8').matchAll(REGISTRATION)) {
      names.add(name!);
      if (kind === 'histogram') ['_bucket', '_sum', '_count'].forEach((s) => names.add(name + s));
    }
  }
  return names;
}

const KEYWORDS = new Set(['and', 'or', 'unless', 'by', 'without', 'on', 'ignoring', 'offset',
  'bool', 'group_left', 'group_right']);

/**
 * The metric names a PromQL expression reads. Strings, label matchers, ranges and grouping
 * clauses are removed first; what is left that is neither a function call nor a keyword
 * names a metric.
 */
export function metricsIn(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const names = [...bare.matchAll(/(?<![\w.$])([a-zA-Z_:][a-zA-Z0-9_:]*)(?![\w:])(?!\s*\()/g)]
    .map((match) => match[1]!)
    .filter((name) => !KEYWORDS.has(name) && !/^(inf|nan)$/i.test(name));
  return [...new Set(names)];
}
