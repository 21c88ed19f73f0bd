import parsePrometheusTextFormat from 'parse-prometheus-text-format';

/** One family as prom2json shows it (what `parse-prometheus-text-format` answers). */
interface Family {
  readonly name: string;
  readonly type: string;
  readonly help: string;
  readonly metrics: readonly {
    readonly labels?: Readonly<Record<string, string>>;
    readonly value?: string;
    readonly count?: string;
    readonly sum?: string;
    readonly buckets?: Readonly<Record<string, string>>;
  }[];
}

/** A parsed exposition, with lookups by name and labels (every given label must match). */
export class Exposition {
  readonly families: readonly Family[];

  constructor(private readonly text: string) {
    this.families = parsePrometheusTextFormat(text) as Family[];
  }

  family(name: string): Family {
    const found = this.families.find((family) => family.name === name);
    if (found === undefined) throw new Error(`metric ${name} is not exposed`);
    return found;
  }

  /** A gauge's or counter's value; 0 when no sample has these labels (prom-client omits unset ones). */
  value(name: string, labels: Readonly<Record<string, string>> = {}): number {
    const sample = this.sample(name, labels);
    return sample === undefined ? 0 : Number(sample.value);
  }

  /**
   * A histogram's observation count for these labels (summed over the series they match); 0 when
   * none. The parser merges a labelled histogram's series into one and drops their labels, so the
   * `<name>_count` samples are read from the text; the family itself must have parsed as a histogram.
   */
  count(name: string, labels: Readonly<Record<string, string>> = {}): number {
    expect(this.family(name).type).toBe('HISTOGRAM');
    return this.countSeries(name)
      .filter((series) => Object.entries(labels).every(([label, value]) => series.labels[label] === value))
      .reduce((total, series) => total + series.count, 0);
  }

  /** Every label set of a histogram's series. */
  labelSets(name: string): readonly Readonly<Record<string, string>>[] {
    return this.countSeries(name).map((series) => series.labels);
  }

  /** `<name>_count{…} n` lines; label values here never contain `"` or `,` (commands, codes, uuids). */
  private countSeries(name: string): { labels: Record<string, string>; count: number }[] {
    const pattern = new RegExp(`^${name}_count(?:\\{(.*)\\})? (\\S+)$`);
    return this.text.split('\n').flatMap((line) => {
      const match = pattern.exec(line);
      if (match === null) return [];
      const labels = Object.fromEntries(
        (match[1] ?? '').split(',').filter((pair) => pair !== '').map((pair) => {
          const [label = '', value = ''] = pair.split('=');
          return [label, value.replace(/^"|"$/g, '')];
        }),
      );
      return [{ labels, count: Number(match[2]) }];
    });
  }

  private sample(name: string, labels: Readonly<Record<string, string>>): Family['metrics'][number] | undefined {
    return this.family(name).metrics.find((metric) =>
      Object.entries(labels).every(([label, value]) => metric.labels?.[label] === value),
    );
  }
}

/** GETs `/metrics` and parses it; fails unless it is a 200 in the text format. */
export async function scrape(baseUrl: string): Promise<Exposition> {
  const response = await fetch(`${baseUrl}/metrics`);
  const text = await response.text();
  if (response.status !== 200) throw new Error(`/metrics answered ${response.status}: ${text}`);
  expect(response.headers.get('content-type')).toContain('text/plain');
  return new Exposition(text);
}
