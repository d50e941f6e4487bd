import { median } from './stats.js';

/** What a measure is held to: its own median, or its ratio to the reference. */
export type Goal =
  | { readonly kind: 'at-most'; readonly value: number }
  | { readonly kind: 'ratio-at-most'; readonly value: number }
  | { readonly kind: 'ratio-at-least'; readonly value: number };

/** One row of the table: samples of ours, and what they are compared with, measured in the same run. */
export interface Measure {
  readonly name: string;
  readonly unit: 'ms' | 'MB' | 'kB';
  readonly samples: readonly number[];
  readonly reference?: { readonly name: string; readonly samples: readonly number[] };
  /** ours / reference ("1.2×" slower), or reference / ours ("6.0×" faster); ours / reference when absent. */
  readonly ratio?: 'ours-over-reference' | 'reference-over-ours';
  readonly goal?: Goal;
}

function number(value: number, unit: Measure['unit']): string {
  if (unit === 'ms') return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
  return value.toFixed(1);
}

function ratioOf(measure: Measure): number | undefined {
  if (measure.reference === undefined) return undefined;
  const ours = median(measure.samples);
  const reference = median(measure.reference.samples);
  return measure.ratio === 'reference-over-ours' ? reference / ours : ours / reference;
}

function goalText(goal: Goal | undefined, unit: Measure['unit']): string {
  if (goal === undefined) return '';
  if (goal.kind === 'at-most') return `≤ ${goal.value} ${unit}`;
  return goal.kind === 'ratio-at-most' ? `≤ ${goal.value}×` : `≥ ${goal.value}×`;
}

/** True, false, or undefined when there is no goal. */
export function goalMet(measure: Measure): boolean | undefined {
  const { goal } = measure;
  if (goal === undefined) return undefined;
  if (goal.kind === 'at-most') return median(measure.samples) <= goal.value;
  const ratio = ratioOf(measure);
  if (ratio === undefined) return false;
  return goal.kind === 'ratio-at-most' ? ratio <= goal.value : ratio >= goal.value;
}

/** The one table `npm run bench` prints: a Markdown table, readable in a terminal and in docs/performance.md. */
export function formatTable(measures: readonly Measure[]): string {
  const header = ['Measure', 'Runs', 'Min', 'Median', 'Max', 'Reference (median, same run)', 'Ratio', 'Goal', 'Met'];
  const rows = measures.map((measure) => {
    const sorted = [...measure.samples].sort((a, b) => a - b);
    const ratio = ratioOf(measure);
    const met = goalMet(measure);
    const unit = ` ${measure.unit}`;
    return [
      measure.name,
      String(sorted.length),
      number(sorted[0] ?? Number.NaN, measure.unit) + unit,
      number(median(sorted), measure.unit) + unit,
      number(sorted.at(-1) ?? Number.NaN, measure.unit) + unit,
      measure.reference === undefined ? '' : `${measure.reference.name}: ${number(median(measure.reference.samples), measure.unit)}${unit}`,
      ratio === undefined ? '' : `${ratio.toFixed(2)}×${measure.ratio === 'reference-over-ours' ? ' faster' : ''}`,
      goalText(measure.goal, measure.unit),
      met === undefined ? '' : met ? 'yes' : 'NO',
    ];
  });
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]): string => `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}
