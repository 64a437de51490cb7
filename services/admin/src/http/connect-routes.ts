import { Request } from 'express';
import { HttpProblemError } from '../../../../libs/http/error-handler';
import { validateInput } from '../../../../libs/http/validate-input';
import { readReplicationSlots } from '../db/replication-slots';
import { AdminDeps, AdminRoute } from './admin-route';
import { emptyQuery } from './admin-request-schemas';

const CONNECTOR = /^[A-Za-z0-9._-]{1,200}$/;

function taskParams(req: Request) {
  const connector = String(req.params.connector);
  const task = String(req.params.task);
  if (!CONNECTOR.test(connector)) {
    throw new HttpProblemError(404, 'connector-not-found', 'Connector not found',
      `Kafka Connect has no connector named ${JSON.stringify(connector)}`);
  }
  if (!/^\d{1,4}$/.test(task)) {
    throw new HttpProblemError(404, 'task-not-found', 'Task not found',
      `a task is numbered from 0 (got ${JSON.stringify(task)})`);
  }
  return { connector, task: Number(task) };
}

export function connectRoutes(deps: AdminDeps): AdminRoute[] {
  return [{
    method: 'get', path: '/connectors', summary: 'Connectors and their tasks with their state',
    async handle(req, res) {
      validateInput(emptyQuery, req.query);
      res.json({ connectors: await deps.connect.connectors() });
    },
  }, {
    method: 'post', path: '/connectors/:connector/tasks/:task/restart',
    summary: 'Restart one task of a connector (a failed one, typically)',
    async change(req) {
      const { connector, task } = taskParams(req);
      const before = await deps.connect.connector(connector);
      await deps.connect.restartTask(connector, task);
      const after = await deps.connect.connector(connector);
      return { status: 202, body: { connector, task, restartRequested: true, status: after },
        before, after };
    },
  }, {
    method: 'get', path: '/replication-slots',
    summary: 'Replication slots with their lag in bytes',
    async handle(req, res) {
      validateInput(emptyQuery, req.query);
      res.json({ slots: await readReplicationSlots(deps.pgAdmin) });
    },
  }];
}
