declare module 'parse-prometheus-text-format' {
  // eslint-disable-next-line import-x/no-default-export -- the package's own export is a default one.
  /** Parses the Prometheus text format into prom2json's shape. */
  export default function parsePrometheusTextFormat(text: string): unknown[];
}
