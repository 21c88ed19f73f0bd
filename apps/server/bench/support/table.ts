/** One line of the bench's table: what was measured, csbr's figure, the floor's (or target) and their ratio. */
export interface TableRow {
  readonly benchmark: string;
  readonly metric: string;
  readonly csbr: number;
  /** The floor measured in the same run, or the target where there is no floor. */
  readonly reference: number;
  readonly referenceKind: 'floor' | 'target';
  /** Whether a larger figure is better (req/s) or worse (latency, CPU, memory, time). */
  readonly higherIsBetter: boolean;
  readonly unit: string;
  /** The bound on the ratio, if any, e.g. `≥ 0.9`. */
  readonly goal?: string;
}

const format = (value: number) =>
  value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value >= 1 ? value.toFixed(2) : value.toFixed(3);

/** The rows as one Markdown table: ratio = csbr / reference, so read it against "higher is better". */
export function renderTable(rows: readonly TableRow[]): string {
  const lines = [
    '| benchmark | metric | ratio (csbr ÷ ref) | goal | csbr | ref | ref is |',
    '| --- | --- | ---: | --- | ---: | ---: | --- |',
  ];
  for (const row of rows) {
    const ratio = row.reference === 0 ? Number.NaN : row.csbr / row.reference;
    lines.push(
      `| ${row.benchmark} | ${row.metric} (${row.higherIsBetter ? '↑' : '↓'}) | ${Number.isFinite(ratio) ? ratio.toFixed(2) : '–'} | ${row.goal ?? ''} | ${format(row.csbr)} ${row.unit} | ${format(row.reference)} ${row.unit} | ${row.referenceKind} |`,
    );
  }
  return lines.join('\n');
}
