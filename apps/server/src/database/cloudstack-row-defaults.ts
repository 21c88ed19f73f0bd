/**
 * Values csbr writes into the NOT NULL columns CloudStack 4.22 has and csbr has no data for, so a
 * row csbr writes is a valid row of CloudStack's table. The AlignSharedTablesWithCloudStack422
 * migration filled existing rows with the same values.
 */
export const CLOUDSTACK_ROW_DEFAULTS = {
  /** `vm_instance.guest_os_id`: CloudStack's seeded guest OS 103, "Other (64-bit)". */
  guestOsId: '103',
  /** `vm_instance.vnc_password`: csbr has no console, so no password. */
  vncPassword: '',
  /** `vm_instance.service_offering_id`: csbr has no service offerings; the first one CloudStack seeds. */
  serviceOfferingId: '1',
  /** `volumes.disk_offering_id`: csbr has no disk offerings; the first one CloudStack seeds. */
  diskOfferingId: '1',
} as const;

/** The `vm_instance` columns of `CLOUDSTACK_ROW_DEFAULTS`, with `vm_type` = the VM's `type`. */
export function cloudStackVmColumns(type = 'User'): {
  readonly vmType: string;
  readonly guestOsId: string;
  readonly vncPassword: string;
  readonly serviceOfferingId: string;
} {
  return {
    vmType: type,
    guestOsId: CLOUDSTACK_ROW_DEFAULTS.guestOsId,
    vncPassword: CLOUDSTACK_ROW_DEFAULTS.vncPassword,
    serviceOfferingId: CLOUDSTACK_ROW_DEFAULTS.serviceOfferingId,
  };
}
