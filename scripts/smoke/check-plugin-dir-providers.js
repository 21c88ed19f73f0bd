// Drives a server started by scripts/smoke-pack.sh through Debian's `cloudstack` CLI: the
// providers of the plugin folder are registered or refused as expected, and a zone set to the
// provider scaffolded by the starter runs the backup lifecycle.
'use strict';

const { execFileSync } = require('node:child_process');

function cloudstack(args, { mayFail = false } = {}) {
  try {
    return JSON.parse(execFileSync('cloudstack', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) || '{}');
  } catch (error) {
    if (!mayFail) throw new Error(`cloudstack ${args.join(' ')} failed: ${error.stdout || error.message}`);
    return JSON.parse(error.stdout || '{}');
  }
}

function expect(condition, message) {
  if (!condition) {
    console.error(`FAILED: ${message}`);
    process.exit(1);
  }
}

function runJob(args) {
  const result = cloudstack(args);
  return result;
}

const diagnostics = cloudstack(['listBackupProviderDiagnostics']).backupproviderdiagnostic || [];
const byName = new Map(diagnostics.map((d) => [d.providername, d]));
for (const name of ['acme', 'dummy', 'starter-demo']) {
  expect(byName.get(name)?.status === 'registered', `${name} is registered`);
}
console.log(`registered: ${diagnostics.filter((d) => d.status === 'registered').map((d) => `${d.providername} (${d.source})`).join(', ')}`);
const broken = byName.get('broken');
expect(broken?.status === 'refused' && broken.code === 'PROVIDER_LOAD_FAILED', 'the broken package is refused as failing to load');
const future = byName.get('future');
expect(future?.status === 'refused' && future.code === 'PROVIDER_INCOMPATIBLE', 'the contract 2 package is refused as incompatible');
for (const refused of [broken, future]) console.log(`refused ${refused.providername}: ${refused.message}`);

// The starter's provider in a zone: the lifecycle it supports, and a clear refusal for the rest.
const zone = cloudstack(['createZone', 'name=starter-zone', 'dns1=8.8.8.8', 'internaldns1=10.0.0.1', 'networktype=Advanced']).zone.id;
cloudstack(['updateConfiguration', 'name=backup.framework.enabled', 'value=true', `zoneid=${zone}`]);
cloudstack(['updateConfiguration', 'name=backup.framework.provider.plugin', 'value=starter-demo', `zoneid=${zone}`]);
const external = cloudstack(['listBackupPolicies', 'external=true', `zoneid=${zone}`]).backuppolicy || [];
expect(external.some((policy) => policy.externalid === 'default'), 'the starter lists its default policy');
const policy = runJob(['importBackupPolicy', `zoneid=${zone}`, 'externalid=default', 'name=Default', 'description=Starter']).backuppolicy.id;
const vm = runJob(['deployVirtualMachine', `zoneid=${zone}`, 'name=starter-vm']).virtualmachine.id;
runJob(['assignBackupPolicy', `virtualmachineid=${vm}`, `policyid=${policy}`]);
const refused = cloudstack(['createBackup', `virtualmachineid=${vm}`], { mayFail: true });
expect(
  JSON.stringify(refused).includes('The backup provider starter-demo does not support ad-hoc backups'),
  `an ad-hoc backup is refused through the capability flag (got ${JSON.stringify(refused)})`,
);
runJob(['removeVMFromBackupPolicy', `virtualmachineid=${vm}`]);
cloudstack(['deleteBackupPolicy', `id=${policy}`]);
console.log('starter-demo: listed, imported, assigned, refused an ad-hoc backup by capability, removed, deleted');
