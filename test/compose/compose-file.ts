import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/** Reads infra/compose.yaml and the local stack's files, in the shapes the checks compare. */

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const COMPOSE_FILE = path.join(REPO_ROOT, 'infra', 'compose.yaml');

export type Settings = Record<string, string>;

export interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string | string[];
  environment?: Settings | string[];
  env_file?: string | (string | { path: string })[];
  volumes?: (string | { type?: string; source?: string; target: string })[];
  ports?: (string | number | { published: string | number; target: number; host_ip?: string })[];
  healthcheck?: { test?: string | string[]; disable?: boolean };
  depends_on?: string[] | Record<string, { condition?: string }>;
  restart?: string;
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

export interface Mount {
  /** Absolute host path for a bind mount, the volume name for a named volume. */
  source: string;
  target: string;
  named: boolean;
}

export interface PublishedPort {
  hostIp: string | undefined;
  published: number;
  target: number;
}

export function readRepoFile(relative: string): string {
  return readFileSync(path.join(REPO_ROOT, relative), 'utf8');
}

export function readCompose(text = readFileSync(COMPOSE_FILE, 'utf8')): ComposeFile {
  return parse(text) as ComposeFile;
}

export function serviceOf(compose: ComposeFile, name: string): ComposeService {
  const service = compose.services[name];
  if (!service) throw new Error(`infra/compose.yaml has no service "${name}"`);
  return service;
}

/** Compose accepts a map or a list of NAME=value; both read the same here. */
export function environmentOf(service: ComposeService): Settings {
  const env = service.environment ?? {};
  if (!Array.isArray(env)) return Object.fromEntries(Object.entries(env).map(stringEntry));
  return Object.fromEntries(env.map((line) => splitOnce(line, '=')));
}

function stringEntry([key, value]: [string, unknown]): [string, string] {
  return [key, value === null || value === undefined ? '' : String(value)];
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + 1)];
}

/** Relative paths in a compose file are relative to the file's folder, not the caller's. */
export function fromComposeDir(relative: string): string {
  return path.resolve(path.dirname(COMPOSE_FILE), relative);
}

export function mountsOf(service: ComposeService): Mount[] {
  return (service.volumes ?? []).map((volume) => {
    if (typeof volume !== 'string') {
      const source = volume.source ?? '';
      const named = volume.type === 'volume';
      return { source: named ? source : fromComposeDir(source), target: volume.target, named };
    }
    const [source = '', target = ''] = volume.split(':');
    const named = !/^[./~]/.test(source);
    return { source: named ? source : fromComposeDir(source), target, named };
  });
}

export function envFilesOf(service: ComposeService): string[] {
  const files = service.env_file === undefined ? [] : [service.env_file].flat();
  return files.map((file) => fromComposeDir(typeof file === 'string' ? file : file.path));
}

export function publishedPortsOf(service: ComposeService): PublishedPort[] {
  return (service.ports ?? []).map((port) => {
    if (typeof port === 'object') {
      return { hostIp: port.host_ip, published: Number(port.published), target: port.target };
    }
    const parts = String(port).replace(/\/(tcp|udp)$/, '').split(':');
    const target = Number(parts.pop());
    const published = Number(parts.pop() ?? target);
    return { hostIp: parts.pop(), published, target };
  });
}

export function dependenciesOf(service: ComposeService): Record<string, string | undefined> {
  const deps = service.depends_on ?? {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((name) => [name, undefined]));
  return Object.fromEntries(Object.entries(deps).map(([name, dep]) => [name, dep.condition]));
}

export function commandText(service: ComposeService): string {
  return [service.command ?? []].flat().join(' ');
}

/** Java properties as the local stack's files use them: key=value, # comments, no continuations. */
export function parseProperties(text: string): Settings {
  const settings: Settings = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    const match = /^([^=:\s]+)\s*[=:\s]\s*(.*)$/.exec(line);
    if (!match) throw new Error(`cannot read the properties line "${line}"`);
    settings[match[1]!] = match[2]!;
  }
  return settings;
}

/** An env file as compose and infra/lib/jvm-parts.sh read it: NAME=value lines, # comments. */
export function parseEnvFile(text: string): Settings {
  const lines = text.split('\n').map((line) => line.trim());
  return Object.fromEntries(
    lines.filter((line) => line !== '' && !line.startsWith('#')).map((l) => splitOnce(l, '=')),
  );
}

/** `NAME=${NAME:-default}` from a shell script: the default the local stack runs with. */
export function shellDefault(script: string, name: string): string {
  const match = new RegExp(`^${name}=\\$\\{${name}:-(.*)\\}$`, 'm').exec(script);
  if (!match) throw new Error(`no default for ${name} in the script`);
  return match[1]!;
}

/** `NAME=value` (unquoted) from a shell script, as infra/lib/common.sh pins versions. */
export function shellValue(script: string, name: string): string {
  const match = new RegExp(`^${name}=([^\\s(]+)$`, 'm').exec(script);
  if (!match) throw new Error(`no value for ${name} in the script`);
  return match[1]!;
}

/** `NAME=(a b "${OTHER[@]}" c)` from a shell script, with array references expanded. */
export function shellArray(script: string, name: string): string[] {
  const match = new RegExp(`^${name}=\\((.*)\\)$`, 'm').exec(script);
  if (!match) throw new Error(`no array ${name} in the script`);
  return match[1]!.split(/\s+/).flatMap((word) => {
    const reference = /^"?\$\{(\w+)\[@\]\}"?$/.exec(word);
    return reference ? shellArray(script, reference[1]!) : [word];
  });
}
