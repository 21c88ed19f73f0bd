import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type DataSourceOptions } from 'typeorm';

import { SERVER_CONFIG, type ServerConfig } from '../config/server-config';
import { withBootLock } from './boot-lock';
import { buildTypeOrmOptions } from './typeorm-options';

/**
 * Connects and migrates before anything else starts. The TypeORM `DataSource` is injectable by
 * its class (`@InjectDataSource()` or a `DataSource` constructor parameter). Migrations run under
 * the boot lock, so instances that start together do not run them twice.
 */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [SERVER_CONFIG],
      useFactory: (config: ServerConfig) => ({
        ...buildTypeOrmOptions(config.database),
        migrationsRun: false,
        // Fail fast: a database that is not there at boot is reported, not waited for.
        retryAttempts: 0,
      }),
      dataSourceFactory: async (options?: DataSourceOptions) => {
        if (options === undefined) throw new Error('No database options');
        const dataSource = await new DataSource(options).initialize();
        await withBootLock(dataSource, () => dataSource.runMigrations({ transaction: 'each' }));
        return dataSource;
      },
    }),
  ],
})
export class DatabaseModule {}
