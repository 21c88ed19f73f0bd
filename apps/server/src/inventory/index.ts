export { AccountsService, type AccountQuery, type CreateAccountInput } from './accounts/accounts.service';
export { DomainsService, type DomainQuery } from './domains/domains.service';
export { InventoryModule } from './inventory.module';
export { insertVms, type NewVm, type RecordedVm } from './records/vm-records';
export { UsersService, type UserQuery } from './users/users.service';
export { VmsService, type DeployVmInput, type VmQuery } from './vms/vms.service';
export {
  ATTACH_REFUSED_WITH_BACKUPS,
  DETACH_REFUSED_WITH_BACKUPS,
  VolumesService,
  type DetachTarget,
  type VolumeQuery,
} from './volumes/volumes.service';
export { ZonesService, type NewZone, type ZoneQuery } from './zones/zones.service';
