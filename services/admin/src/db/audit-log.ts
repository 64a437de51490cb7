import { Pool } from 'pg';

export interface AuditRequest {
  actor: string;
  method: string;
  route: string;
  params: Record<string, unknown>;
}

/** Written before the change is made; no row, no change. */
export async function beginAuditEntry(pool: Pool, request: AuditRequest): Promise<string> {
  const result = await pool.query<{ id: string }>(
    `insert into audit_log (actor, method, route, params)
     values ($1, $2, $3, $4)
     returning id`,
    [request.actor, request.method, request.route, JSON.stringify(request.params)],
  );
  return result.rows[0]!.id;
}

export async function finishAuditEntry(pool: Pool, id: string,
  outcome: { status: number; before: unknown; after: unknown }): Promise<void> {
  await pool.query(
    'update audit_log set status = $2, before = $3, after = $4 where id = $1',
    [id, outcome.status, JSON.stringify(outcome.before ?? null),
      JSON.stringify(outcome.after ?? null)],
  );
}

export interface AuditFilter {
  actor?: string;
  route?: string;
  limit: number;
}

export async function listAuditEntries(pool: Pool, filter: AuditFilter) {
  const result = await pool.query(
    `select id, at, actor, method, route, params, status, before, after from audit_log
     where ($1::text is null or actor = $1) and ($2::text is null or route = $2)
     order by id desc
     limit $3`,
    [filter.actor ?? null, filter.route ?? null, filter.limit],
  );
  return result.rows.map((row) => ({ ...row, at: (row.at as Date).toISOString() }));
}
