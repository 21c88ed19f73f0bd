export type * from './ports';
export type * from './provider-types';
export * from './backup-manager';
export * from './discovery';
export * from './framework-config-keys';
export * from './backup-schedule';
