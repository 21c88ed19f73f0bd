import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { type Response } from 'express';
import { DataSource } from 'typeorm';

/** How long `SELECT 1` may take before the database counts as down. */
const DATABASE_CHECK_TIMEOUT_MS = 3000;

export interface HealthStatus {
  readonly status: 'ok' | 'error';
  readonly database: 'up' | 'down';
}

/** `GET /health`: 200 when the database answers, 503 otherwise. Never shows an error's details. */
@Controller('health')
export class HealthController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  async check(@Res({ passthrough: true }) response: Response): Promise<HealthStatus> {
    if (await this.#databaseAnswers()) return { status: 'ok', database: 'up' };
    response.status(HttpStatus.SERVICE_UNAVAILABLE);
    return { status: 'error', database: 'down' };
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
