/* eslint-disable import-x/no-default-export -- the package's own export is a default one. */
declare module 'parse-prometheus-text-format' {
  /** Parses the Prometheus text format into prom2json's shape. */
  export default function parsePrometheusTextFormat(text: string): unknown[];
}
