// Checks that every first-party provider's marker, contract range and peer range agree, in a
// workspace whose packages carry their release versions (run by smoke-pack.sh on its versioned copy):
// - the package has the `csbr-provider` keyword and a marker whose contract range this framework's
//   contract version satisfies (the bundled providers load on this server);
// - the peer range on @csbr/framework and the marker's contract range start at the same minor: the
//   framework's major.minor is the contract's major.minor, so the lowest framework the peer range
//   allows implements the lowest contract the marker accepts;
// - the framework being released implements exactly the contract it declares.
'use strict';

const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const semver = require(require.resolve('semver', { paths: [join(__dirname, '..', 'packages', 'framework')] }));

const root = process.argv[2] ?? join(__dirname, '..');
const read = (file) => JSON.parse(readFileSync(file, 'utf8'));
const framework = read(join(root, 'packages', 'framework', 'package.json'));
const contract = /BACKUP_PROVIDER_CONTRACT_VERSION = '([^']+)'/.exec(
  readFileSync(join(root, 'packages', 'framework', 'src', 'contract', 'contract-version.ts'), 'utf8'),
)?.[1];
const problems = [];
const minor = (version) => `${semver.major(version)}.${semver.minor(version)}`;

if (contract === undefined) problems.push('cannot read BACKUP_PROVIDER_CONTRACT_VERSION');
else if (minor(framework.version) !== minor(contract)) {
  problems.push(`@csbr/framework ${framework.version} would be released with contract ${contract}: their major.minor must match`);
}

for (const dir of readdirSync(join(root, 'packages')).filter((name) => name.startsWith('provider-'))) {
  const pkg = read(join(root, 'packages', dir, 'package.json'));
  const where = `${pkg.name} (${pkg.version})`;
  const marker = pkg.csbr ?? {};
  const peer = pkg.peerDependencies?.['@csbr/framework'];
  if (!(pkg.keywords ?? []).includes('csbr-provider')) problems.push(`${where}: keyword csbr-provider is missing`);
  if (typeof marker.provider !== 'string' || `provider-${marker.provider}` !== dir) {
    problems.push(`${where}: marker provider "${marker.provider}" does not match the folder ${dir}`);
  }
  if (semver.validRange(marker.contract) === null) {
    problems.push(`${where}: marker contract "${marker.contract}" is not a range`);
    continue;
  }
  if (semver.validRange(peer) === null) {
    problems.push(`${where}: peer range on @csbr/framework "${peer}" is not a range`);
    continue;
  }
  if (contract !== undefined && !semver.satisfies(contract, marker.contract)) {
    problems.push(`${where}: marker contract ${marker.contract} excludes this framework's contract ${contract}`);
  }
  const lowestFramework = semver.minVersion(peer).version;
  const lowestContract = semver.minVersion(marker.contract).version;
  if (minor(lowestFramework) !== minor(lowestContract)) {
    problems.push(`${where}: peer range ${peer} starts at framework ${lowestFramework}, marker ${marker.contract} at contract ${lowestContract}`);
  }
  if (!semver.satisfies(framework.version, peer)) {
    problems.push(`${where}: peer range ${peer} excludes the framework being released (${framework.version})`);
  }
  console.log(`${where}: contract ${marker.contract}, @csbr/framework ${peer} (lowest ${lowestFramework})`);
}

if (problems.length > 0) {
  for (const problem of problems) console.error(`provider package check: ${problem}`);
  process.exit(1);
}
