import { defineCommand } from '../api/command-definition';
import { listParams } from '../api/common-params';
import { pageInMemory } from '../api/binding/page-in-memory';
import { type ClusterOverview, type ManagementServerView } from './cluster-overview';

const ADMIN_CLASS = 'org.apache.cloudstack.api.command.admin.cluster.ListMgmtsCmd';

/**
 * `listManagementServers` (root admin, sync): every server instance of this database from
 * `mshost`, as CloudStack lists its management servers, with csbr's additions: the last heartbeat,
 * the leases the instance holds, and its pending jobs.
 */
export function listManagementServersCommand(cluster: ClusterOverview) {
  return defineCommand({
    name: 'listManagementServers',
    description: 'Lists management servers.',
    since: '4.14.0',
    isAsync: false,
    allowedRoles: ['Admin'],
    className: ADMIN_CLASS,
    params: [
      { name: 'id', type: 'uuid', description: 'the id of the management server' },
      { name: 'name', type: 'string', description: 'the name of the management server' },
      ...listParams(),
    ],
    response: {
      objectName: 'managementserver',
      fields: [
        { name: 'id', type: 'string', description: 'the ID of the management server' },
        { name: 'name', type: 'string', description: 'the name of the management server' },
        { name: 'state', type: 'string', description: 'the state of the management server' },
        { name: 'version', type: 'string', description: 'the version of the management server' },
        { name: 'serviceip', type: 'string', description: 'the IP address the management server listens on' },
        { name: 'ipaddress', type: 'string', description: 'the IP address of the management server' },
        { name: 'lastserverstart', type: 'date', description: 'the last time this management server was started' },
        { name: 'lastboottime', type: 'date', description: 'the last time the host on which this management server runs was booted' },
        { name: 'pendingjobscount', type: 'long', description: 'the number of pending jobs it runs' },
        { name: 'msid', type: 'long', description: 'csbr: the management server id (mshost.msid) on its jobs' },
        { name: 'serviceport', type: 'integer', description: 'csbr: the port the management server listens on' },
        { name: 'lastheartbeat', type: 'date', description: 'csbr: the last heartbeat it wrote' },
        { name: 'leases', type: 'string', description: 'csbr: the leases it holds (work that runs on one instance), comma-separated' },
      ],
    },
    handler: async ({ params, paging }) => {
      const servers = (await cluster.list()).filter(
        (server) =>
          (params.id === undefined || server.uuid === params.id) &&
          (params.name === undefined || server.name === params.name) &&
          (params.keyword === undefined || server.name.toLowerCase().includes(params.keyword.toLowerCase())),
      );
      return {
        kind: 'list',
        objectName: 'managementserver',
        items: pageInMemory(servers, paging).map(toResponse),
        total: servers.length,
      };
    },
  });
}

function toResponse(server: ManagementServerView): object {
  return {
    id: server.uuid,
    name: server.name,
    state: server.state,
    version: server.version,
    serviceip: server.serviceIp,
    ipaddress: server.serviceIp,
    lastserverstart: server.lastStart,
    lastboottime: server.lastStart,
    pendingjobscount: server.pendingJobs,
    msid: server.msid,
    serviceport: server.servicePort,
    lastheartbeat: server.lastHeartbeat,
    leases: server.leases.join(','),
  };
}
