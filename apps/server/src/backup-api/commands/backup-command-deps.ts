import { type BackupManager, type ProviderRegistry, type Repositories } from '@csbr/framework/host';

import { type AccountScopeResolver } from '../../api/scope/account-scope-resolver';
import { type VmsService } from '../../inventory/vms/vms.service';
import { type BackupVmDetailsReader } from '../responses/backup-vm-details.reader';

/** What the backup commands are built from. */
export interface BackupCommandDeps {
  readonly manager: BackupManager;
  /** `listBackupProviderDiagnostics` reads the registry's diagnostics. */
  readonly registry: Pick<ProviderRegistry, 'diagnostics'>;
  /** List scoping (`account`, `domainid`, `isrecursive`, `listall`). */
  readonly scopes: Pick<AccountScopeResolver, 'resolve'>;
  /** Look-ups the responses need beyond what the manager returns (zone names). */
  readonly repositories: Pick<Repositories, 'zones'>;
  /** `createVMFromBackup` answers with the new VM as `listVirtualMachines` shows it. */
  readonly vms: Pick<VmsService, 'findView' | 'start'>;
  /** `listBackups listvmdetails=true` reads the VM details of the listed backups. */
  readonly vmDetails: Pick<BackupVmDetailsReader, 'detailsOf'>;
}
