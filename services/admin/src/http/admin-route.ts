import { Request, Response } from 'express';
import { Kafka } from 'kafkajs';
import { Pool } from 'pg';
import { Logger } from '../../../../libs/logging/logger';
import { EventCodec } from '../../../../libs/schemas/event-codec';
import { ConnectClient } from '../clients/connect-client';
import { OpsClient } from '../clients/ops-client';
import { AdminConfig } from '../config';
import { MessageTimestamps } from '../kafka/message-timestamps';

/** What every admin route works with. */
export interface AdminDeps {
  config: AdminConfig;
  kafka: Kafka;
  codec: EventCodec;
  /** The admin database: the audit log. */
  pool: Pool;
  /** The server's postgres database: replication views only. */
  pgAdmin: Pool;
  log: Logger;
  ops: OpsClient;
  connect: ConnectClient;
  timestamps: MessageTimestamps;
}

/** A route that reads: both tokens may call it. */
export interface ReadRoute {
  method: 'get';
  path: string;
  summary: string;
  handle(req: Request, res: Response): Promise<void>;
}

/** What a change did: the answer, and the state it found and left, for the audit log. */
export interface Change {
  status: number;
  body: unknown;
  before: unknown;
  after: unknown;
}

/** A route that changes something: only the admin token may call it, and it is audited. */
export interface ChangeRoute {
  method: 'post';
  path: string;
  summary: string;
  change(req: Request): Promise<Change>;
}

export type AdminRoute = ReadRoute | ChangeRoute;
