import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { DbAccessChecker } from '../persistence/db-access-checker';
import { AccountsService } from './accounts/accounts.service';
import { DomainsService } from './domains/domains.service';
import { InventoryCommandsRegistrar } from './inventory-commands.registrar';
import { INVENTORY_ACCESS_CHECKER } from './support/inventory-tokens';
import { UsersService } from './users/users.service';
import { VmsService } from './vms/vms.service';
import { VolumesService } from './volumes/volumes.service';
import { ZonesService } from './zones/zones.service';

/**
 * CloudStack's inventory, recorded the way its Simulator hypervisor keeps it: zones, domains,
 * accounts, users, virtual machines and volumes, with the commands that manage them.
 *
 * Needs, globally: the TypeORM `DataSource`, the API layer's `CommandRegistry` and
 * `AccountScopeResolver` (`ApiModule`), and `UserKeysService` (`AccountsModule`).
 */
@Module({
  providers: [
    {
      provide: INVENTORY_ACCESS_CHECKER,
      inject: [DataSource],
      useFactory: (dataSource: DataSource) => new DbAccessChecker(dataSource.manager),
    },
    ZonesService,
    DomainsService,
    AccountsService,
    UsersService,
    VmsService,
    VolumesService,
    InventoryCommandsRegistrar,
  ],
  exports: [ZonesService, DomainsService, AccountsService, UsersService, VmsService, VolumesService],
})
export class InventoryModule {}
