import { Response } from 'express';
import { FieldIssue } from '../errors/platform-error';

/** RFC 9457 problem details; `errors` lists each broken input rule. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldIssue[];
  [extension: string]: unknown;
}

/** Relative references: each problem type is documented under docs/problems.md. */
const TYPE_BASE = '/problems/';

export function problem(
  status: number,
  slug: string,
  title: string,
  detail: string,
  extra: Partial<Problem> = {},
): Problem {
  return { type: `${TYPE_BASE}${slug}`, title, status, detail, ...extra };
}

export function sendProblem(res: Response, body: Problem, headers: Record<string, string> = {}) {
  res.status(body.status).set(headers).type('application/problem+json').send(JSON.stringify(body));
}
