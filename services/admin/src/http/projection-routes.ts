import { validateInput } from '../../../../libs/http/validate-input';
import { AdminDeps, AdminRoute } from './admin-route';
import { emptyQuery } from './admin-request-schemas';

/** The projection's rebuild, through the projection service's own operations endpoints. */
export function projectionRoutes(deps: AdminDeps): AdminRoute[] {
  const progress = () => deps.ops.expect('projection', 'GET', '/ops/projection/rebuild');
  return [{
    method: 'get', path: '/projection/rebuild',
    summary: 'Progress of the projection\'s replay, per partition',
    async handle(req, res) {
      validateInput(emptyQuery, req.query);
      res.json(await progress());
    },
  }, {
    method: 'post', path: '/projection/rebuild',
    summary: 'Rebuild the projection from offset 0',
    async change() {
      const before = await progress();
      const started = await deps.ops.expect('projection', 'POST', '/ops/projection/rebuild');
      return { status: 202, body: started, before, after: started };
    },
  }];
}
