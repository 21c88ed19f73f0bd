import 'reflect-metadata';

import { DataSource } from 'typeorm';

import { loadDatabaseSettings } from '../config/env';
import { buildTypeOrmOptions } from './typeorm-options';

/**
 * For TypeORM's CLI (`typeorm -d dist/database/data-source.js migration:show`). The server itself
 * builds its data source through Nest.
 */
export const cliDataSource = new DataSource(buildTypeOrmOptions(loadDatabaseSettings()));
