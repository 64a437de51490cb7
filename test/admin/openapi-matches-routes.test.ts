import { AdminDeps } from '../../services/admin/src/http/admin-route';
import { adminRoutes } from '../../services/admin/src/http/admin-routes';
import { CONSOLE_PATH } from '../../services/admin/src/http/console-files';
import { documentedOperations } from './admin-service';

/** Routes every service has from libs/service/run-service, outside the admin's own table. */
const PLATFORM_ROUTES = ['GET /healthz', 'GET /readyz', 'GET /metrics'];

describe('the OpenAPI document of the admin API', () => {
  const registered = adminRoutes({ config: {} } as unknown as AdminDeps)
    .map((route) => `${route.method.toUpperCase()} ${route.path}`);
  const documented = documentedOperations();

  it('documents every route the admin service registers', () => {
    const names = documented.map((op) => `${op.method} ${op.route}`);
    expect(registered.filter((route) => !names.includes(route))).toEqual([]);
  });

  it('documents no route the admin service does not register', () => {
    const known = [...registered, ...PLATFORM_ROUTES];
    expect(documented.map((op) => `${op.method} ${op.route}`)
      .filter((route) => !known.includes(route))).toEqual([]);
  });

  it('asks for the token on every API route and documents 401, and 403 on every change', () => {
    for (const op of documented.filter((entry) => !PLATFORM_ROUTES.includes(
      `${entry.method} ${entry.route}`))) {
      expect({ op: op.route, secured: op.secured }).toEqual({ op: op.route, secured: true });
      expect(op.responses).toContain('401');
      if (op.method === 'POST') expect(op.responses).toContain('403');
    }
  });

  // The operator console is the one documented exception: static files under /console/,
  // served without a token beside the API (services/admin/src/http/console-files.ts). It is
  // neither a route of the table nor an operation of the document; the calls it makes are.
  it('keeps the console\'s files out of the route table and out of the document', () => {
    const underConsole = (route: string) => route === CONSOLE_PATH ||
      route.startsWith(`${CONSOLE_PATH}/`);
    expect(registered.filter((route) => underConsole(route.split(' ')[1]!))).toEqual([]);
    expect(documented.filter((op) => underConsole(op.route))).toEqual([]);
  });

});
