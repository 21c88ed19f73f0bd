import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { type NextFunction, type Request, type Response } from 'express';
import { type ApiSettings } from '../ports/api-settings';
import { API_SETTINGS } from '../ports/api-tokens';
import { captureFormBody, hasFormBody, type MaybeParsedRequest } from './read-form-body';

const API_PATH = /(^|\/)client\/api(\/|\?|$)/;

/**
 * Installs, on the Express instance, a middleware that reads `/client/api` form bodies raw BEFORE
 * Nest's own body parsers run, whatever options the app was created with. Nest registers its parsers
 * in `app.init()`, after providers are instantiated, so installing from this constructor puts ours
 * first. (If the adapter is not known yet, as with `@nestjs/testing`, the controller still reads
 * the body through Nest's `rawBody` or the unread stream.)
 *
 * Without it, Nest's `urlencoded` parser would consume the body and answer too large bodies with its
 * own 413 JSON instead of CloudStack's envelope. It keeps no more of a body than a request may
 * carry (`requestLimits.maxRequestBytes`).
 */
@Injectable()
export class FormBodyCapture implements OnModuleInit {
  private readonly logger = new Logger(FormBodyCapture.name);
  private installed = false;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(API_SETTINGS) private readonly settings: ApiSettings,
  ) {
    this.install();
  }

  onModuleInit(): void {
    this.install();
  }

  private install(): void {
    const adapter = this.adapterHost.httpAdapter as HttpAdapterHost['httpAdapter'] | undefined;
    if (this.installed || adapter === undefined || adapter.getType() !== 'express') {
      return;
    }
    const express = adapter.getInstance<{ use(handler: (req: Request, res: Response, next: NextFunction) => void): void }>();
    express.use((request, _response, next) => {
      if (request.method !== 'POST' || !hasFormBody(request) || !API_PATH.test(request.originalUrl.split('?')[0] ?? '')) {
        next();
        return;
      }
      captureFormBody(request as MaybeParsedRequest, this.settings.requestLimits).then(
        () => next(),
        (error: unknown) => {
          // The client went away mid-body; let the request continue, it will read as empty.
          this.logger.debug(`Could not read a form body: ${error instanceof Error ? error.message : String(error)}`);
          next();
        },
      );
    });
    this.installed = true;
  }
}
