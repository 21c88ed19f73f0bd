#!/usr/bin/env node
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

import { type SeedSpec } from './model/seed';
import { isRevision } from './personality';
import { DEFAULT_USER } from './options';
import { startVeeamSimulator } from './veeam-simulator';

const USAGE = `Usage: veeam-simulator [options]

  --personality 12|13       VBR 12.3.1 (x-api-version 1.2-rev1) or 13.1 (1.3-rev2). Default 13.
  --newest-revision REV     e.g. 1.3-rev1 to act as VBR 13.0.1.
  --port N                  Default 9419 (0 picks a free port).
  --host ADDR               Default 127.0.0.1.
  --seed empty|demo|scale   Default demo. scale: --scale-vms VMs with --scale-points points each.
  --scale-vms N             Default 10000.
  --scale-points N          Default 30.
  --username NAME           Default ${DEFAULT_USER.username}.
  --password SECRET         Default ${DEFAULT_USER.password}.
  --token-lifetime SECONDS  Access token lifetime. Default 900.
  --session-ms MS           How long a session works (Working phase). Default 200.
  --ca-out FILE             Also write the certificate (PEM) there, e.g. for curl --cacert.
  --help
`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}`);
  process.exit(2);
}

function integer(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) fail(`--${name} must be a non-negative integer`);
  return parsed;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    // pnpm passes a lone "--" through to the script.
    args: process.argv.slice(2).filter((arg) => arg !== '--'),
    options: {
      personality: { type: 'string', default: '13' },
      'newest-revision': { type: 'string' },
      port: { type: 'string', default: '9419' },
      host: { type: 'string', default: '127.0.0.1' },
      seed: { type: 'string', default: 'demo' },
      'scale-vms': { type: 'string', default: '10000' },
      'scale-points': { type: 'string', default: '30' },
      username: { type: 'string', default: DEFAULT_USER.username },
      password: { type: 'string', default: DEFAULT_USER.password },
      'token-lifetime': { type: 'string' },
      'session-ms': { type: 'string' },
      'ca-out': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const personality = values.personality;
  if (personality !== '12' && personality !== '13') fail('--personality must be 12 or 13');
  const newest = values['newest-revision'];
  if (newest !== undefined && !isRevision(newest))
    fail(`--newest-revision: unknown revision ${newest}`);
  let seed: SeedSpec;
  if (values.seed === 'empty' || values.seed === 'demo') seed = { preset: values.seed };
  else if (values.seed === 'scale') {
    seed = {
      preset: 'empty',
      scale: {
        vms: integer(values['scale-vms'], 'scale-vms')!,
        restorePointsPerVm: integer(values['scale-points'], 'scale-points')!,
      },
    };
  } else fail('--seed must be empty, demo or scale');

  const started = Date.now();
  const simulator = await startVeeamSimulator({
    personality,
    newestRevision: newest,
    port: integer(values.port, 'port'),
    host: values.host,
    seed,
    users: [{ username: values.username, password: values.password, role: 'BackupAdministrator' }],
    accessTokenLifetimeSeconds: integer(values['token-lifetime'], 'token-lifetime'),
    sessionTiming:
      values['session-ms'] === undefined
        ? undefined
        : { workingMs: integer(values['session-ms'], 'session-ms')! },
    onError: (error) =>
      process.stderr.write(
        `unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      ),
  });
  if (values['ca-out']) writeFileSync(values['ca-out'], simulator.caCertificate);
  const summary = simulator.controls.summary();
  const revision = simulator.profile.newestRevision;
  process.stdout.write(
    [
      `Veeam VBR simulator ${simulator.profile.buildVersion} (personality ${personality}) listening at ${simulator.url}`,
      `  x-api-version:   ${simulator.profile.revisions.join(', ')} (newest ${revision})`,
      `  credentials:     ${values.username} / ${values.password} (Backup Administrator)`,
      `  certificate:     SHA-256 ${simulator.certificateFingerprint}`,
      values['ca-out']
        ? `  CA written to:   ${values['ca-out']}`
        : '  CA:              pass --ca-out FILE to write it',
      `  state:           ${summary.vms} VMs, ${summary.jobs} jobs, ${summary.backups} backups, ${summary.restorePoints} restore points (${Date.now() - started} ms)`,
      `  controls:        ${simulator.url}/_simulator/state`,
      '',
      'Try:',
      `  curl -s ${values['ca-out'] ? `--cacert ${values['ca-out']}` : '-k'} -H 'x-api-version: ${revision}' \\`,
      `    -d 'grant_type=password&username=${values.username}&password=${encodeURIComponent(values.password)}' ${simulator.url}/api/oauth2/token`,
      '',
    ].join('\n'),
  );
  const stop = () => {
    void simulator.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
