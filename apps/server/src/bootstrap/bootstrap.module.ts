import { Module } from '@nestjs/common';

import { InitialDataService } from './initial-data.service';
import { ShutdownLogService } from './shutdown-log.service';
import { StartupService } from './startup.service';

/** First-start data and configuration seeding. */
@Module({ providers: [InitialDataService, StartupService, ShutdownLogService] })
export class BootstrapModule {}
