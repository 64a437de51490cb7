import { Settings } from './compose-file';

/**
 * Variables compose may set on top of infra/registry/registry.env: where the registry finds its
 * database and which addresses it binds. JAVA_OPTS_APPEND carries the JVM flags the local stack
 * passes on its command line and is checked on its own.
 */
export const REGISTRY_OVERRIDABLE = [
  'APICURIO_DATASOURCE_URL',
  'QUARKUS_HTTP_HOST',
  'QUARKUS_HTTP_PORT',
  'QUARKUS_MANAGEMENT_HOST',
];
export const REGISTRY_JVM_VARIABLE = 'JAVA_OPTS_APPEND';

function withoutHost(jdbcUrl: string): string {
  const url = new URL(jdbcUrl.replace(/^jdbc:/, ''));
  url.hostname = 'host';
  return url.toString();
}

/** How compose's registry settings depart from registry.env; [] when only hosts differ. */
export function registryDifferences(envFile: Settings, overrides: Settings): string[] {
  return Object.entries(overrides).flatMap(([name, value]) => {
    if (name === REGISTRY_JVM_VARIABLE) return [];
    if (!REGISTRY_OVERRIDABLE.includes(name)) return [`${name} is not a host or address setting`];
    if (name !== 'APICURIO_DATASOURCE_URL') return [];
    const local = envFile[name];
    if (local !== undefined && withoutHost(local) === withoutHost(value)) return [];
    return [`${name}: local ${local ?? '(unset)'}, compose ${value} (only the host may differ)`];
  });
}

/** The `-Dname=value` and `-X…` flags in a command line, one per element. */
export function jvmFlagsOf(commandLine: string): string[] {
  return commandLine.split(/\s+/).filter((word) => /^-(D[\w.-]+=\S+|X\S+)$/.test(word));
}
