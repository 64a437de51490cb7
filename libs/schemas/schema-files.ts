import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { EventType } from './event-catalog';

/** Every published version of every event schema lives in `schemas/<EventType>/v<N>.avsc`. */
export const SCHEMAS_DIR = path.resolve(__dirname, '..', '..', ...upFromDist(), 'schemas');

function upFromDist(): string[] {
  // Compiled code runs from dist/libs/schemas; sources run from libs/schemas.
  return __dirname.split(path.sep).includes('dist') ? ['..'] : [];
}

export interface SchemaVersion {
  version: number;
  /** The schema as written in its file. */
  definition: Record<string, unknown>;
}

export function readSchemaVersions(eventType: EventType): SchemaVersion[] {
  const dir = path.join(SCHEMAS_DIR, eventType);
  return readdirSync(dir)
    .map((file) => /^v(\d+)\.avsc$/.exec(file))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({
      version: Number(match[1]),
      definition: JSON.parse(readFileSync(path.join(dir, match[0]), 'utf8')),
    }))
    .sort((a, b) => a.version - b.version);
}

export function readLatestSchema(eventType: EventType): SchemaVersion {
  const versions = readSchemaVersions(eventType);
  const latest = versions[versions.length - 1];
  if (!latest) throw new Error(`no schema file for ${eventType} under ${SCHEMAS_DIR}`);
  return latest;
}
