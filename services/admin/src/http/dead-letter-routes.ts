import { Request } from 'express';
import { HttpProblemError } from '../../../../libs/http/error-handler';
import { validateInput } from '../../../../libs/http/validate-input';
import { OpsClient, ownerOfGroup, OWNING_SERVICES, OwningService } from '../clients/ops-client';
import { AdminDeps, AdminRoute } from './admin-route';
import { pathParam } from './path-param';
import {
  deadLetterQuery,
  discardBody,
  groupName,
  groupQuery,
  redriveFilterBody,
} from './admin-request-schemas';

interface DeadLetter {
  id: string;
  consumerGroup: string;
}

const groupParam = (req: Request) => pathParam(req, 'group', groupName);
const idParam = (req: Request) => {
  const id = String(req.params.id);
  if (!/^\d{1,18}$/.test(id)) {
    throw new HttpProblemError(404, 'dead-letter-not-found', 'Dead letter not found',
      `no dead letter with id ${JSON.stringify(id)}`);
  }
  return id;
};

/** Dead letters and parked keys, kept by each service and acted on through its /ops routes. */
export function deadLetterRoutes(deps: AdminDeps): AdminRoute[] {
  const { ops } = deps;
  return [{
    method: 'get', path: '/dead-letters',
    summary: 'Dead letters of every group (or one) with error and attempts',
    async handle(req, res) {
      const query = validateInput(deadLetterQuery, req.query);
      const services = query.group ? [ownerOfGroup(query.group)] : OWNING_SERVICES;
      res.json(await gather(ops, services, `/ops/dead-letters${queryText(query)}`,
        'deadLetters'));
    },
  }, {
    method: 'get', path: '/dead-letters/:group/:id', summary: 'One dead letter',
    async handle(req, res) {
      res.json(await findLetter(ops, groupParam(req), idParam(req)));
    },
  }, {
    method: 'post', path: '/dead-letters/:group/:id/redrive',
    summary: 'Apply one dead letter again, then the events parked behind it',
    change: (req) => actOnLetter(ops, req, 'redrive', undefined),
  }, {
    method: 'post', path: '/dead-letters/:group/:id/discard',
    summary: 'Give up on one dead letter, with a reason; its parked events are applied',
    change: (req) => actOnLetter(ops, req, 'discard', validateInput(discardBody, req.body ?? {})),
  }, {
    method: 'post', path: '/dead-letters/:group/redrive',
    summary: 'Redrive every open dead letter of a group matching a filter',
    async change(req) {
      const group = groupParam(req);
      const service = ownerOfGroup(group);
      const filter = validateInput(redriveFilterBody, req.body ?? {});
      const before = await ops.expect(service, 'GET',
        `/ops/dead-letters${queryText({ group, status: 'open', ...filter })}`);
      const result = await ops.expect(service, 'POST', '/ops/dead-letters/redrive', filter);
      return { status: 200, body: result, before, after: result };
    },
  }, {
    method: 'get', path: '/parked-keys', summary: 'Keys held back behind a dead letter',
    async handle(req, res) {
      const { group } = validateInput(groupQuery, req.query);
      const services = group ? [ownerOfGroup(group)] : OWNING_SERVICES;
      const found = await gather(ops, services, '/ops/parked-keys', 'parkedKeys');
      const keys = found.parkedKeys as { consumerGroup: string }[];
      res.json({ ...found, parkedKeys: group ? keys.filter((k) => k.consumerGroup === group)
        : keys });
    },
  }];
}

async function findLetter(ops: OpsClient, group: string, id: string): Promise<DeadLetter> {
  const letter = await ops.expect(ownerOfGroup(group), 'GET', `/ops/dead-letters/${id}`) as
    DeadLetter;
  if (letter.consumerGroup !== group) {
    throw new HttpProblemError(404, 'dead-letter-not-found', 'Dead letter not found',
      `dead letter ${id} belongs to ${letter.consumerGroup}, not ${group}`);
  }
  return letter;
}

async function actOnLetter(ops: OpsClient, req: Request, action: 'redrive' | 'discard',
  body: unknown) {
  const group = groupParam(req);
  const id = idParam(req);
  const before = await findLetter(ops, group, id);
  const result = await ops.expect(ownerOfGroup(group), 'POST',
    `/ops/dead-letters/${id}/${action}`, body);
  const after = await findLetter(ops, group, id);
  return { status: 200, body: result, before, after };
}

/**
 * Asks each service and merges the lists; a service that is down or answers badly is named
 * in `unavailable` instead of failing the whole answer.
 */
async function gather(ops: OpsClient, services: OwningService[], path: string, field: string) {
  const answers = await Promise.all(services.map(async (service) => {
    try {
      return { service, answer: await ops.call(service, 'GET', path) };
    } catch (error) {
      return { service, error: (error as Error).message };
    }
  }));
  const items: unknown[] = [];
  const unavailable: { service: string; reason: string }[] = [];
  for (const entry of answers) {
    const status = entry.answer?.status ?? 0;
    if (status >= 200 && status < 300 && Array.isArray(entry.answer!.body)) {
      items.push(...entry.answer!.body);
    } else {
      if (services.length === 1 && status >= 400 && status < 500) {
        throw new HttpProblemError(status, 'dependency-refused', `${entry.service} refused`,
          `the ${entry.service} service answered ${status} for ${path}`);
      }
      unavailable.push({ service: entry.service, reason: entry.error ?? `answered ${status}` });
    }
  }
  return { [field]: items, unavailable };
}

function queryText(query: Record<string, string | undefined>): string {
  const entries = Object.entries(query).filter((entry): entry is [string, string] =>
    entry[1] !== undefined);
  return entries.length === 0 ? '' : `?${new URLSearchParams(entries).toString()}`;
}
