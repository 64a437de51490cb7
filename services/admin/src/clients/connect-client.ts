import { HttpProblemError } from '../../../../libs/http/error-handler';
import { callJson, expectOk } from './call-json';

export interface ConnectorTask {
  task: number;
  state: string;
  workerId: string | null;
  /** The first line of the stack trace of a failed task. */
  error: string | null;
}

export interface ConnectorHealth {
  connector: string;
  type: string | null;
  state: string;
  workerId: string | null;
  tasks: ConnectorTask[];
}

interface StatusBody {
  type?: string;
  connector: { state: string; worker_id?: string };
  tasks: { id: number; state: string; worker_id?: string; trace?: string }[];
}

/** Kafka Connect's REST API: connectors and tasks with their state, and a task restart. */
export class ConnectClient {
  constructor(private readonly baseUrl: string) {}

  async connectors(): Promise<ConnectorHealth[]> {
    const body = expectOk('Kafka Connect', await callJson('Kafka Connect',
      `${this.baseUrl}/connectors?expand=status`)) as Record<string, { status: StatusBody }>;
    return Object.entries(body).map(([name, entry]) => toHealth(name, entry.status))
      .sort((a, b) => a.connector.localeCompare(b.connector));
  }

  async connector(name: string): Promise<ConnectorHealth> {
    const answer = await callJson('Kafka Connect',
      `${this.baseUrl}/connectors/${encodeURIComponent(name)}/status`);
    if (answer.status === 404) {
      throw new HttpProblemError(404, 'connector-not-found', 'Connector not found',
        `Kafka Connect has no connector named ${JSON.stringify(name)}`);
    }
    return toHealth(name, expectOk('Kafka Connect', answer) as StatusBody);
  }

  async restartTask(name: string, task: number): Promise<void> {
    const health = await this.connector(name);
    if (!health.tasks.some((entry) => entry.task === task)) {
      throw new HttpProblemError(404, 'task-not-found', 'Task not found',
        `connector ${name} has no task ${task} (tasks: ` +
        `${health.tasks.map((entry) => entry.task).join(', ') || 'none'})`);
    }
    expectOk('Kafka Connect', await callJson('Kafka Connect',
      `${this.baseUrl}/connectors/${encodeURIComponent(name)}/tasks/${task}/restart`,
      { method: 'POST' }));
  }
}

function toHealth(name: string, status: StatusBody): ConnectorHealth {
  return {
    connector: name,
    type: status.type ?? null,
    state: status.connector.state,
    workerId: status.connector.worker_id ?? null,
    tasks: status.tasks.map((task) => ({ task: task.id, state: task.state,
      workerId: task.worker_id ?? null, error: task.trace?.split('\n')[0] ?? null }))
      .sort((a, b) => a.task - b.task),
  };
}
