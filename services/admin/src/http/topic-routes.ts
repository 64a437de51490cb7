import { Request, Response } from 'express';
import { validateInput } from '../../../../libs/http/validate-input';
import { findMessages } from '../kafka/find-messages';
import { viewMessage } from '../kafka/message-view';
import { Tail, tailTopic } from '../kafka/tail-topic';
import { readAllTopicOffsets, readTopicOffsets, requireTopic } from '../kafka/topic-catalog';
import { withAdmin } from '../kafka/with-admin';
import { AdminDeps, AdminRoute } from './admin-route';
import { pathParam } from './path-param';
import { emptyQuery, messagesQuery, tailQuery, topicName } from './admin-request-schemas';

const HEARTBEAT_MS = 15000;

const topicParam = (req: Request) => pathParam(req, 'topic', topicName);

export function topicRoutes(deps: AdminDeps): AdminRoute[] {
  const { kafka, codec } = deps;
  return [{
    method: 'get', path: '/topics', summary: 'Topics with partitions, offsets and sizes',
    async handle(req, res) {
      validateInput(emptyQuery, req.query);
      res.json({ topics: await withAdmin(kafka, readAllTopicOffsets) });
    },
  }, {
    method: 'get', path: '/topics/:topic', summary: 'One topic with its partitions and offsets',
    async handle(req, res) {
      const topic = topicParam(req);
      res.json(await withAdmin(kafka, async (admin) => {
        await requireTopic(admin, topic);
        return readTopicOffsets(admin, topic);
      }));
    },
  }, {
    method: 'get', path: '/topics/:topic/messages',
    summary: 'Messages by partition and offset, timestamp or key, Avro decoded',
    async handle(req, res) {
      const topic = topicParam(req);
      const query = validateInput(messagesQuery, req.query);
      const found = await findMessages(kafka, { topic, partition: query.partition,
        offset: query.offset, timestampMs: query.timestamp, key: query.key,
        limit: query.limit }, deps.config.MAX_SCAN_MESSAGES);
      const messages = await Promise.all(found.messages.map((m) => viewMessage(codec, m)));
      res.json({ topic, mode: found.mode, partitions: found.partitions, messages });
    },
  }, {
    method: 'get', path: '/topics/:topic/tail',
    summary: 'New messages as server-sent events until the client goes away',
    handle: (req, res) => streamTail(deps, req, res),
  }];
}

/** Server-sent events: one `message` event per new message, a comment as a heartbeat. */
async function streamTail(deps: AdminDeps, req: Request, res: Response): Promise<void> {
  const topic = topicParam(req);
  const { partition } = validateInput(tailQuery, req.query);
  await withAdmin(deps.kafka, (admin) => requireTopic(admin, topic));
  res.status(200).set({ 'content-type': 'text/event-stream', 'cache-control': 'no-cache',
    connection: 'keep-alive' });
  res.flushHeaders();
  res.write(`: tailing ${topic}\n\n`);
  let tail: Tail | null = null;
  let closed = false;
  const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS);
  const stop = () => void tail?.stop()
    .catch((error) => deps.log.warn({ err: error, topic }, 'tail stop failed'));
  res.on('close', () => {
    closed = true;
    clearInterval(heartbeat);
    stop();
  });
  tail = await tailTopic(deps.kafka, topic, partition, async (message) => {
    const view = await viewMessage(deps.codec, message);
    res.write(`event: message\nid: ${message.partition}-${message.offset}\n` +
      `data: ${JSON.stringify(view)}\n\n`);
  });
  if (closed) return stop();
  res.write('event: ready\ndata: {}\n\n');
}
