/** How numbers and times read in tables. */

/** Seconds with one decimal; null (no timestamp to measure from) as "-". */
export function seconds(value: number | null | undefined): string {
  return value === null || value === undefined ? '-' : value.toFixed(1);
}

/** A move of an offset: +3, -2, 0; "-" when there was nothing to move from. */
export function offsetChange(before: string | null, after: string): string {
  if (before === null || !/^\d+$/.test(before) || !/^\d+$/.test(after)) return '-';
  const change = Number(after) - Number(before);
  return change > 0 ? `+${change}` : String(change);
}

/** The first line of a long text, cut to fit a table column. */
export function cut(value: string | null | undefined, width: number): string {
  const line = (value ?? '').split('\n')[0]!;
  return line.length <= width ? line : `${line.slice(0, width - 1)}…`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * Text from the wire (a key is any bytes a producer sent): escaped as inside a JSON string,
 * and beyond JSON every other control or format character (DEL, C1, bidi overrides), so none
 * acts on the terminal or breaks the line.
 */
export function printable(text: string): string {
  return JSON.stringify(text).slice(1, -1).replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, (char) =>
    char.split('').map((unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`)
      .join(''));
}
