import { Controller, Get, HttpStatus, Optional, Res } from '@nestjs/common';
import { type Response } from 'express';
import { DataSource } from 'typeorm';

import { ProviderChecker, type ZoneProviderCheck } from '../operations/provider-checker';

/** How long `SELECT 1` may take before the database counts as down. */
const DATABASE_CHECK_TIMEOUT_MS = 3000;

export interface HealthStatus {
  readonly status: 'ok' | 'error';
  readonly database: 'up' | 'down';
}

/** `/health/ready`: the database now, and each enabled zone's provider at its last check. */
export interface ReadinessStatus extends HealthStatus {
  readonly zones: readonly ZoneProviderCheck[];
}

/**
 * Health endpoints, unsigned and outside `/client/api`; none shows an error's details.
 * - `GET /health/live`: 200 while the process serves HTTP (liveness: restart me only when this fails).
 * - `GET /health/ready`: 200 when the database answers and every enabled zone's provider answered
 *   its last check, 503 otherwise (readiness: send me traffic).
 * - `GET /health`: the database only, as before (the README's quick start waits on it).
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Optional() private readonly providers?: ProviderChecker,
  ) {}

  @Get()
  async check(@Res({ passthrough: true }) response: Response): Promise<HealthStatus> {
    if (await this.#databaseAnswers()) return { status: 'ok', database: 'up' };
    response.status(HttpStatus.SERVICE_UNAVAILABLE);
    return { status: 'error', database: 'down' };
  }

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(@Res({ passthrough: true }) response: Response): Promise<ReadinessStatus> {
    const database = (await this.#databaseAnswers()) ? 'up' : 'down';
    const zones = this.providers?.results() ?? [];
    const ok = database === 'up' && zones.every((zone) => zone.reachable);
    if (!ok) response.status(HttpStatus.SERVICE_UNAVAILABLE);
    return { status: ok ? 'ok' : 'error', database, zones };
  }

  async #databaseAnswers(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), DATABASE_CHECK_TIMEOUT_MS);
    });
    try {
      if (!this.dataSource.isInitialized) return false;
      const query = this.dataSource.query('SELECT 1').then(
        () => true,
        () => false,
      );
      return await Promise.race([query, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
