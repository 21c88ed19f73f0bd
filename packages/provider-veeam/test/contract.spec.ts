import { CONTRACT_SECRET_MARKER, describeBackupProviderContract } from '@csbr/framework/testing';
import { startVeeamSimulator } from '@csbr/veeam-simulator';

import veeamDefinition from '../src';
import { cloudStackVm, PERSONALITIES, ZONE, zoneValues } from './support/simulated-zone';

// The provider contract every csbr provider honours, against both Veeam personalities.
for (const personality of PERSONALITIES) {
  describeBackupProviderContract({
    definition: veeamDefinition,
    setup: async () => {
      // The suite sets the password key to its marker and checks no log line shows it, so Veeam's
      // password is the marker: the check covers the secret the provider really sends.
      const simulator = await startVeeamSimulator({
        personality,
        port: 0,
        seed: 'demo',
        users: [{ username: 'administrator', password: CONTRACT_SECRET_MARKER, role: 'BackupAdministrator' }],
      });
      const vms = [cloudStackVm(1), cloudStackVm(2, { hostIp: 'esx02.sim.local' })] as const;
      for (const vm of vms) simulator.controls.addVm({ name: vm.instanceName });
      const { 'backup.plugin.veeam.password': _password, ...values } = zoneValues(simulator);
      return { zone: ZONE, vms, values: { zones: { [ZONE.id]: values } }, teardown: () => simulator.close() };
    },
  });
}
