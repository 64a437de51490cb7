import { CONSUMER_GROUPS } from '../../../../libs/kafka/consumer-groups';
import { HttpProblemError } from '../../../../libs/http/error-handler';
import { AdminConfig } from '../config';
import { callJson, expectOk, JsonAnswer, READ_TIMEOUT_MS } from './call-json';

export type OwningService = 'orders' | 'payments' | 'inventory' | 'projection';

export const OWNING_SERVICES: OwningService[] = ['orders', 'payments', 'inventory', 'projection'];

/** Groups are named `<service>.<purpose>`: the service before the dot owns the group. */
export function ownerOfGroup(group: string): OwningService {
  const owner = group.split('.')[0] as OwningService;
  if (!(CONSUMER_GROUPS as readonly string[]).includes(group) || !OWNING_SERVICES.includes(owner)) {
    throw new HttpProblemError(404, 'consumer-group-not-found', 'Consumer group not found',
      `${JSON.stringify(group)} is not a consumer group of the platform (one of ` +
      `${CONSUMER_GROUPS.join(', ')})`);
  }
  return owner;
}

/**
 * A change (a redrive with many parked followers, a rebuild that must first move its group's
 * offsets) is waited for until it is done: giving up halfway would leave the operator a 503
 * for work that goes on regardless.
 */
const CHANGE_TIMEOUT_MS = 120000;

/** Calls each service's own operations endpoints with the operations token. */
export class OpsClient {
  private readonly urls: Record<OwningService, string>;

  constructor(private readonly config: AdminConfig) {
    this.urls = { orders: config.ORDERS_URL, payments: config.PAYMENTS_URL,
      inventory: config.INVENTORY_URL, projection: config.PROJECTION_URL };
  }

  call(service: OwningService, method: string, path: string, body?: unknown):
    Promise<JsonAnswer> {
    // The services take JSON on every POST, an empty object when there is nothing to say.
    const sent = body === undefined && method === 'POST' ? {} : body;
    return callJson(`the ${service} service`, `${this.urls[service].replace(/\/$/, '')}${path}`,
      { method, body: sent, headers: { authorization: `Bearer ${this.config.OPS_TOKEN}` },
        timeoutMs: method === 'GET' ? READ_TIMEOUT_MS : CHANGE_TIMEOUT_MS });
  }

  async expect(service: OwningService, method: string, path: string, body?: unknown) {
    return expectOk(`the ${service} service`, await this.call(service, method, path, body));
  }

  /** A public route of a service (no token), such as GET /orders/:orderId. */
  publicCall(service: OwningService, path: string): Promise<JsonAnswer> {
    return callJson(`the ${service} service`, `${this.urls[service].replace(/\/$/, '')}${path}`);
  }
}
