import { Express } from 'express';
import { AdminDeps, AdminRoute } from './admin-route';
import { auditRoutes } from './audit-routes';
import { auditedChange } from './audited-change';
import { AdminTokens, authorize } from './authorize';
import { connectRoutes } from './connect-routes';
import { consumerGroupRoutes } from './consumer-group-routes';
import { deadLetterRoutes } from './dead-letter-routes';
import { projectionRoutes } from './projection-routes';
import { sagaRoutes } from './saga-routes';
import { topicRoutes } from './topic-routes';

/** Every route of the admin API; the OpenAPI document must list exactly these. */
export function adminRoutes(deps: AdminDeps): AdminRoute[] {
  return [
    ...topicRoutes(deps),
    ...consumerGroupRoutes(deps),
    ...deadLetterRoutes(deps),
    ...sagaRoutes(deps),
    ...connectRoutes(deps),
    ...projectionRoutes(deps),
    ...auditRoutes(deps),
  ];
}

/** Reads need either token; changes need the admin token and are audited. */
export function registerAdminRoutes(app: Express, deps: AdminDeps): void {
  const tokens: AdminTokens = { admin: deps.config.ADMIN_TOKEN,
    readOnly: deps.config.ADMIN_READ_TOKEN };
  for (const route of adminRoutes(deps)) {
    if (route.method === 'get') {
      app.get(route.path, authorize('read', tokens), route.handle);
    } else {
      app.post(route.path, authorize('write', tokens), auditedChange(route, deps.pool));
    }
  }
}
