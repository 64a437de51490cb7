/**
 * Exponential backoff with full jitter: a random wait between 0 and min(cap, base * 2^n), so
 * members retrying the same failure do not hit the database in step.
 */
export function backoffMs(attempt: number, baseMs: number, capMs: number, random = Math.random) {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

/** Waits `totalMs`, calling `heartbeat` at least every `everyMs` so the group keeps us. */
export async function waitWithHeartbeats(
  totalMs: number,
  everyMs: number,
  heartbeat: () => Promise<void>,
): Promise<void> {
  let left = totalMs;
  while (left > 0) {
    const slice = Math.min(left, everyMs);
    await new Promise((resolve) => setTimeout(resolve, slice));
    left -= slice;
    await heartbeat();
  }
}
