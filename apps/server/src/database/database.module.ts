import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { SERVER_CONFIG, type ServerConfig } from '../config/server-config';
import { buildTypeOrmOptions } from './typeorm-options';

/**
 * Connects and migrates before anything else starts. The TypeORM `DataSource` is injectable by
 * its class (`@InjectDataSource()` or a `DataSource` constructor parameter).
 */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [SERVER_CONFIG],
      useFactory: (config: ServerConfig) => ({
        ...buildTypeOrmOptions(config.database),
        // Fail fast: a database that is not there at boot is reported, not waited for.
        retryAttempts: 0,
      }),
    }),
  ],
})
export class DatabaseModule {}
