import { readFileSync } from 'node:fs';
import { validateInput } from '../../../../libs/http/validate-input';
import { adminFolderPath } from '../admin-folder';
import { listAuditEntries } from '../db/audit-log';
import { AdminDeps, AdminRoute } from './admin-route';
import { auditQuery, emptyQuery } from './admin-request-schemas';

/** services/admin/openapi.yaml, from the sources or from dist. */
export const OPENAPI_FILE = adminFolderPath('openapi.yaml');

export function auditRoutes(deps: AdminDeps): AdminRoute[] {
  const openapi = readFileSync(OPENAPI_FILE, 'utf8');
  return [{
    method: 'get', path: '/audit', summary: 'Changes made through this API, newest first',
    async handle(req, res) {
      const filter = validateInput(auditQuery, req.query);
      res.json({ entries: await listAuditEntries(deps.pool, filter) });
    },
  }, {
    method: 'get', path: '/openapi.yaml', summary: 'This API described in OpenAPI 3.1',
    async handle(req, res) {
      validateInput(emptyQuery, req.query);
      res.type('application/yaml').send(openapi);
    },
  }];
}
