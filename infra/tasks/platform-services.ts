import path from 'node:path';

/** The services `make up` runs, their ports and databases. */
export interface PlatformService {
  name: string;
  port: number;
  database: string;
  /** Compiled entry point, relative to the repository root. */
  entry: string;
  migrationsDir: string;
}

export const REPO_ROOT = path.resolve(__dirname, '..', '..', ...(isCompiled() ? ['..'] : []));

function isCompiled(): boolean {
  return __dirname.split(path.sep).includes('dist');
}

function service(name: string, port: number): PlatformService {
  return {
    name,
    port,
    database: name,
    entry: path.join('dist', 'services', name, 'src', 'main.js'),
    migrationsDir: path.join(REPO_ROOT, 'services', name, 'migrations'),
  };
}

export const PLATFORM_SERVICES: PlatformService[] = [
  service('orders', 3001),
  service('payments', 3002),
  service('inventory', 3003),
  service('projection', 3004),
  service('admin', 3000),
];
