import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { type AccessChecker } from '@csbr/framework/host';

import { UserKeysService } from '../accounts/user-keys.service';
import { CommandRegistry } from '../api/command-registry';
import { AccountScopeResolver } from '../api/scope/account-scope-resolver';
import { accountCommands } from './accounts/account-commands';
import { AccountsService } from './accounts/accounts.service';
import { domainCommands } from './domains/domain-commands';
import { DomainsService } from './domains/domains.service';
import { INVENTORY_ACCESS_CHECKER } from './support/inventory-tokens';
import { userCommands } from './users/user-commands';
import { UsersService } from './users/users.service';
import { vmCommands } from './vms/vm-commands';
import { VmsService } from './vms/vms.service';
import { volumeCommands } from './volumes/volume-commands';
import { VolumesService } from './volumes/volumes.service';
import { zoneCommands } from './zones/zone-commands';
import { ZonesService } from './zones/zones.service';

/** Registers the inventory commands with the API layer once the modules are initialised. */
@Injectable()
export class InventoryCommandsRegistrar implements OnModuleInit {
  constructor(
    private readonly commands: CommandRegistry,
    private readonly scopes: AccountScopeResolver,
    private readonly keys: UserKeysService,
    @Inject(INVENTORY_ACCESS_CHECKER) private readonly access: AccessChecker,
    private readonly zones: ZonesService,
    private readonly domains: DomainsService,
    private readonly accounts: AccountsService,
    private readonly users: UsersService,
    private readonly vms: VmsService,
    private readonly volumes: VolumesService,
  ) {}

  onModuleInit(): void {
    this.commands.register(
      ...zoneCommands(this.zones),
      ...domainCommands(this.domains),
      ...accountCommands(this.accounts),
      ...userCommands({ users: this.users, keys: this.keys, scopes: this.scopes, access: this.access }),
      ...vmCommands(this.vms, this.scopes),
      ...volumeCommands(this.volumes, this.scopes),
    );
  }
}
