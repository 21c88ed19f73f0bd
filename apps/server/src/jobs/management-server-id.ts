/**
 * Nest injection token of this server instance's management server id (a decimal string), from
 * `ServerConfig.cluster.managementServerId` (`CSBR_MANAGEMENT_SERVER_ID`, or derived from the host
 * name and the data folder).
 */
export const MANAGEMENT_SERVER_ID = Symbol('csbr.jobs.ManagementServerId');
