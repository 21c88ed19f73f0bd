import { Controller, Get, Res } from '@nestjs/common';
import { type Response } from 'express';

import { CsbrMetrics } from './csbr-metrics';

/**
 * `GET /metrics`: the Prometheus text exposition. Outside `/client/api` and unsigned, like every
 * Prometheus target: it shows counts and durations by command, provider and zone, never a VM, an
 * account or a secret. Keep the port away from untrusted networks (README, "Metrics").
 */
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: CsbrMetrics) {}

  @Get()
  async scrape(@Res() response: Response): Promise<void> {
    try {
      const body = await this.metrics.metrics();
      response.status(200).setHeader('Content-Type', this.metrics.registry.contentType).end(body);
    } catch {
      // The gauges read the database; without it there is nothing honest to report.
      response.status(503).setHeader('Content-Type', 'text/plain').end('metrics unavailable: the database did not answer\n');
    }
  }
}
