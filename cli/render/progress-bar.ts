import { Presets, SingleBar } from 'cli-progress';

export interface Progress {
  update(percent: number, caughtUp: number, partitions: number): void;
  stop(): void;
}

/**
 * A bar on stderr while a replay catches up, drawn only on a terminal: piped or redirected,
 * stderr gets no bar and no control characters.
 */
export function progressBar(stream: NodeJS.WriteStream, label: string): Progress {
  if (!stream.isTTY) return { update() {}, stop() {} };
  const bar = new SingleBar({ stream, hideCursor: true, clearOnComplete: false,
    format: `${label} {bar} {percentage}% | {caughtUp}/{partitions} partitions caught up`,
  }, Presets.shades_classic);
  bar.start(100, 0, { caughtUp: 0, partitions: 0 });
  return {
    update: (percent, caughtUp, partitions) => bar.update(percent, { caughtUp, partitions }),
    stop: () => bar.stop(),
  };
}
