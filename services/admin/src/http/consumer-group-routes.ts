import { Request } from 'express';
import { validateInput } from '../../../../libs/http/validate-input';
import { listGroupNames, requireGroup, viewGroups } from '../kafka/consumer-group-view';
import { createGroupAt, resetGroupOffsets } from '../kafka/move-group-offsets';
import { withAdmin } from '../kafka/with-admin';
import { AdminDeps, AdminRoute } from './admin-route';
import { pathParam } from './path-param';
import {
  emptyQuery,
  groupName,
  newGroupBody,
  resetBody,
  toPosition,
} from './admin-request-schemas';

const groupParam = (req: Request) => pathParam(req, 'group', groupName);

export function consumerGroupRoutes(deps: AdminDeps): AdminRoute[] {
  const { kafka, timestamps } = deps;
  return [{
    method: 'get', path: '/consumer-groups', summary: 'Consumer groups with state and lag',
    async handle(req, res) {
      validateInput(emptyQuery, req.query);
      const views = await withAdmin(kafka, async (admin) =>
        viewGroups(admin, timestamps, await listGroupNames(admin)));
      res.json({ groups: views.map((view) => ({ group: view.group, state: view.state,
        memberCount: view.members.length, lagMessages: view.lagMessages,
        lagSeconds: view.lagSeconds,
        topics: [...new Set(view.partitions.map((p) => p.topic))] })) });
    },
  }, {
    method: 'get', path: '/consumer-groups/:group',
    summary: 'Members, state, and per partition committed and end offsets with lag',
    async handle(req, res) {
      const group = groupParam(req);
      res.json(await withAdmin(kafka, async (admin) => {
        await requireGroup(admin, group);
        return (await viewGroups(admin, timestamps, [group]))[0];
      }));
    },
  }, {
    method: 'post', path: '/consumer-groups',
    summary: 'Start a new group at a chosen position before it ever joins',
    async change(req) {
      const body = validateInput(newGroupBody, req.body ?? {});
      const created = await createGroupAt(kafka, { group: body.group, topics: body.topics,
        position: toPosition(body) });
      return { status: 201, body: created, before: null, after: created.partitions };
    },
  }, {
    method: 'post', path: '/consumer-groups/:group/offsets',
    summary: 'Reset a group\'s offsets; a dry run unless apply is true',
    async change(req) {
      const group = groupParam(req);
      const body = validateInput(resetBody, req.body ?? {});
      const result = await resetGroupOffsets(kafka, { group, topics: body.topics,
        position: toPosition(body), apply: body.apply });
      const committed = (after: boolean) => result.partitions.map((p) => ({ topic: p.topic,
        partition: p.partition, offset: after && !result.dryRun ? p.after : p.before }));
      return { status: 200, body: result, before: committed(false), after: committed(true) };
    },
  }];
}
