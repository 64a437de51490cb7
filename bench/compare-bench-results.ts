import { readFileSync } from 'node:fs';
import { BenchResults, BenchRatios } from './bench-results';

/** A ratio that fell by more than this share from A to B is flagged. */
const TOLERATED_FALL = 0.1;

interface RatioChange {
  ratio: keyof BenchRatios;
  before: number;
  after: number;
  change: number;
  flagged: boolean;
}

/** Compares the ratios of two runs; ratios, not raw rates, so machines of any size compare. */
function compareRatios(before: BenchResults, after: BenchResults): RatioChange[] {
  return (Object.keys(before.ratios) as (keyof BenchRatios)[]).map((ratio) => {
    const a = before.ratios[ratio];
    const b = after.ratios[ratio] ?? 0;
    const change = a === 0 ? 0 : (b - a) / a;
    return { ratio, before: a, after: b, change, flagged: change < -TOLERATED_FALL };
  });
}

function main(): void {
  const [fileA, fileB] = process.argv.slice(2);
  if (!fileA || !fileB) {
    console.error('usage: node dist/bench/compare-bench-results.js A.json B.json');
    process.exit(2);
  }
  const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as BenchResults;
  const [a, b] = [read(fileA), read(fileB)];
  for (const [name, file, run] of [['A', fileA, a], ['B', fileB, b]] as const) {
    console.log(`[bench] ${name} ${file}: ${run.machine.cores} cores, ` +
      `load ${run.machine.loadAverageStart[0]} at start`);
  }
  const changes = compareRatios(a, b);
  for (const change of changes) {
    const percent = `${change.change >= 0 ? '+' : ''}${(change.change * 100).toFixed(1)}%`;
    console.log(`  ${change.ratio.padEnd(30)} ${change.before.toFixed(3)} -> ` +
      `${change.after.toFixed(3)}  ${percent.padStart(7)}${change.flagged ? '  FELL >10%' : ''}`);
  }
  const flagged = changes.filter((change) => change.flagged);
  if (flagged.length > 0) {
    console.log(`[bench] ${flagged.length} ratio(s) fell by more than 10%`);
    process.exit(1);
  }
  console.log('[bench] no ratio fell by more than 10%');
}

if (require.main === module) main();
