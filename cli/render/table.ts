import Table from 'cli-table3';

export type Cell = string | number | null | undefined;

const NO_BORDERS = Object.fromEntries(['top', 'top-mid', 'top-left', 'top-right', 'bottom',
  'bottom-mid', 'bottom-left', 'bottom-right', 'left', 'left-mid', 'mid', 'mid-mid', 'right',
  'right-mid', 'middle'].map((name) => [name, '']));

/**
 * Columns separated by two spaces, no borders and no colours, so the text greps and diffs
 * well; numbers align right, and an empty cell shows as "-".
 */
export function table(head: string[], rows: Cell[][]): string {
  const cells = rows.map((row) => head.map((_, column) => text(row[column])));
  const numeric = head.map((_, column) => cells.some((row) => row[column] !== '-') &&
    cells.every((row) => /^([+-]?\d+(\.\d+)?|-)$/.test(row[column]!)));
  const drawn = new Table({ head, chars: NO_BORDERS,
    colAligns: numeric.map((right) => (right ? 'right' : 'left')),
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 2 } });
  drawn.push(...cells);
  return drawn.toString().split('\n').map((line) => line.trimEnd()).join('\n');
}

/** One record as NAME  value lines, for a single item such as a dead letter. */
export function fields(entries: [string, Cell][]): string {
  const width = Math.max(...entries.map(([name]) => name.length));
  return entries.map(([name, value]) => `${name.padEnd(width)}  ${text(value)}`).join('\n');
}

function text(value: Cell): string {
  return value === null || value === undefined || value === '' ? '-' : String(value);
}
