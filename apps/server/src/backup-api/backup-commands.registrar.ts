import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { type BackupManager, type ProviderRegistry, type Repositories } from '@csbr/framework/host';

import { CommandRegistry } from '../api/command-registry';
import { VmsService } from '../inventory/vms/vms.service';
import { AccountScopeResolver } from '../api/scope/account-scope-resolver';
import { REPOSITORIES } from '../persistence/tokens';
import { PROVIDER_REGISTRY } from '../providers/provider-registry.token';
import { BACKUP_MANAGER } from './backup-api.tokens';
import { backupCommands } from './commands/backup-commands';
import { BackupVmDetailsReader } from './responses/backup-vm-details.reader';

/** Registers the backup commands with the API layer once the modules are initialised. */
@Injectable()
export class BackupCommandsRegistrar implements OnModuleInit {
  constructor(
    private readonly commands: CommandRegistry,
    private readonly scopes: AccountScopeResolver,
    @Inject(BACKUP_MANAGER) private readonly manager: BackupManager,
    @Inject(PROVIDER_REGISTRY) private readonly registry: ProviderRegistry,
    @Inject(REPOSITORIES) private readonly repositories: Repositories,
    private readonly vms: VmsService,
    private readonly vmDetails: BackupVmDetailsReader,
  ) {}

  onModuleInit(): void {
    this.commands.register(
      ...backupCommands({
        manager: this.manager,
        registry: this.registry,
        scopes: this.scopes,
        repositories: this.repositories,
        vms: this.vms,
        vmDetails: this.vmDetails,
      }),
    );
  }
}
