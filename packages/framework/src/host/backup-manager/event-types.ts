/** CloudStack's action event type recorded when the sync task finds a new restore point. */
export const BACKUP_CREATE_EVENT = 'BACKUP.CREATE';

/** CloudStack's system user (`User.UID_SYSTEM`), the author of events the sync task records. */
export const SYSTEM_USER_ID = '1';

/** Resource type of the sync task's action events, as CloudStack records them. */
export const VIRTUAL_MACHINE_RESOURCE_TYPE = 'VirtualMachine';
