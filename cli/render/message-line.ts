import { Message } from '../api-types';
import { printable } from './values';

/**
 * One message on one line, so it can be grepped: time, where it sits, key, event type and the
 * decoded payload as JSON. A value that does not decode says why instead.
 */
export function messageLine(message: Message, withHeaders: boolean): string {
  const where = `${message.topic}/${message.partition}@${message.offset}`;
  const key = typeof message.key === 'string' ? printable(message.key) : '-';
  const parts = [message.timestamp, where, `key=${key}`];
  if (message.value) {
    parts.push(message.value.eventType, JSON.stringify(message.value.payload));
  } else if (message.undecodable) {
    parts.push(`undecodable (${message.undecodable.reason})`);
  } else {
    parts.push('(no value)');
  }
  if (withHeaders) parts.push(`headers=${JSON.stringify(message.headers)}`);
  return parts.join('  ');
}
