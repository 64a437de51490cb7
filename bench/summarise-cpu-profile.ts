import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../infra/tasks/platform-services';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileEntry {
  name: string;
  selfMs: number;
  /** Share of the busy time: everything but `(idle)`. */
  percent: number;
}

export interface ProfileSummary {
  file: string;
  busyMs: number;
  idleMs: number;
  topFunctions: ProfileEntry[];
  /** Self time by where the code lives: a package, node's internals, or a project file. */
  topAreas: ProfileEntry[];
}

/** Self time per function and per area of a `.cpuprofile` written by `node --cpu-prof`. */
export function summariseCpuProfile(file: string, top = 10): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const byFunction = new Map<string, number>();
  const byArea = new Map<string, number>();
  let idleUs = 0;
  let busyUs = 0;
  // timeDeltas[i] is the time since the sample before i: it belongs to the sample before.
  for (let i = 0; i + 1 < profile.samples.length; i += 1) {
    const node = nodes.get(profile.samples[i]!)!;
    const us = profile.timeDeltas[i + 1]!;
    if (node.callFrame.functionName === '(idle)') {
      idleUs += us;
      continue;
    }
    busyUs += us;
    add(byFunction, functionName(node), us);
    add(byArea, areaOf(node.callFrame.url, node.callFrame.functionName), us);
  }
  const entries = (totals: Map<string, number>) => [...totals]
    .sort((a, b) => b[1] - a[1]).slice(0, top)
    .map(([name, us]) => ({ name, selfMs: Math.round(us / 1000),
      percent: Math.round((us / Math.max(1, busyUs)) * 1000) / 10 }));
  return { file: path.relative(REPO_ROOT, file), busyMs: Math.round(busyUs / 1000),
    idleMs: Math.round(idleUs / 1000), topFunctions: entries(byFunction),
    topAreas: entries(byArea) };
}

function add(totals: Map<string, number>, key: string, us: number): void {
  totals.set(key, (totals.get(key) ?? 0) + us);
}

function functionName(node: ProfileNode): string {
  const { functionName: name, url, lineNumber } = node.callFrame;
  if (!url) return name || '(anonymous)';
  return `${name || '(anonymous)'} ${shortUrl(url)}:${lineNumber + 1}`;
}

/** `(garbage collector)`, `(program)`, `node:<module>`, a package name, or a project folder. */
function areaOf(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  const packaged = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (packaged) return packaged[1]!;
  const local = shortUrl(url).replace(/^dist\//, '').split('/');
  return local.slice(0, Math.min(2, local.length - 1)).join('/') || local[0]!;
}

function shortUrl(url: string): string {
  const file = url.replace(/^file:\/\//, '');
  return file.startsWith(REPO_ROOT) ? path.relative(REPO_ROOT, file) : file;
}

export function printProfileSummary(summary: ProfileSummary): void {
  console.log(`[bench] CPU profile ${summary.file}: busy ${summary.busyMs} ms, ` +
    `idle ${summary.idleMs} ms`);
  console.log('[bench]   top self time by function:');
  for (const entry of summary.topFunctions) {
    console.log(`[bench]   ${String(entry.percent).padStart(5)}%  ${entry.name}`);
  }
  console.log('[bench]   top self time by area:');
  for (const entry of summary.topAreas) {
    console.log(`[bench]   ${String(entry.percent).padStart(5)}%  ${entry.name}`);
  }
}

if (require.main === module) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: node dist/bench/summarise-cpu-profile.js FILE.cpuprofile');
    process.exit(2);
  }
  printProfileSummary(summariseCpuProfile(path.resolve(file)));
}
