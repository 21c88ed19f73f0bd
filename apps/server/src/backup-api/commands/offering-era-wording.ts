/**
 * The manager speaks the policy era's wording (the seed's names). The offering-era commands run the
 * same rules over the same rows, so their errors are the same errors in CloudStack 4.14+'s words:
 * each known policy-era text maps to its released text (spec §2). Only these whole messages are
 * rewritten, so an external id or name that contains "policy" is never touched.
 */
const OFFERING_ERA_TEXTS: ReadonlyArray<readonly [RegExp, (...groups: string[]) => string]> = [
  [/^A backup policy with external ID (.*) already exists$/s, (ext) => `A backup offering with external ID ${ext} already exists`],
  [/^A backup policy with the same name already exists in this zone$/, () => 'A backup offering with the same name already exists in this zone'],
  [
    /^Policy (.*) does not exist on provider (.*) on zone (.*)$/s,
    (ext, provider, zone) => `Backup offering '${ext}' does not exist on provider ${provider} on zone ${zone}`,
  ],
  [/^Unable to create backup policy: (.*), name: (.*)$/s, (ext, name) => `Unable to create backup offering: ${ext}, name: ${name}`],
  [/^Could not find a backup policy with id: (.*)$/s, (id) => `Could not find a backup offering with id: ${id}`],
  [
    /^Backup policy is assigned to VMs, remove the assignment\(s\) in order to remove the policy\.$/,
    () => 'Backup offering is assigned to VMs, remove the assignment(s) in order to remove the offering.',
  ],
  [/^Unable to remove backup policy: (.*)$/s, (id) => `Unable to remove backup offering: ${id}`],
  [/^Policy (.*) does not exist$/s, (id) => `Offering ID ${id} does not exist`],
  [/^Unable to find Backup Policy with id: \[(.*)\]\.$/s, (id) => `Unable to find Backup Offering with id: [${id}].`],
  [/^Failed to update backup policy (.*)\.$/s, (id) => `Failed to update backup offering ${id}.`],
  [/^Only a Root Admin can (import|delete|update) a backup policy, permission denied$/, (verb) => `Only a Root Admin can ${verb} a backup offering, permission denied`],
  [/^Provided backup policy does not exist$/, () => 'Provided backup offering does not exist'],
  [/^VM and backup policy must be in the same zone$/, () => 'VM and backup offering must be in the same zone'],
  [
    /^VM already is assigned to a backup policy, please remove the VM from its previous policy$/,
    () => 'VM already is assigned to a backup offering, please remove the VM from its previous offering',
  ],
  [
    /^Failed to assign the VM to the backup policy, please try removing the assignment and try again\.$/,
    () => 'Failed to assign the VM to the backup offering, please try removing the assignment and try again.',
  ],
  [/^No previously configured backup policy found for the VM$/, () => 'No previously configured backup offering found for the VM'],
  [
    /^The backend provider will only allow removal of VM from the policy if forced:true is provided that will also delete the backups\.$/,
    () =>
      'The backend provider will only allow removal of VM from the offering if forced:true is provided that will also delete the backups.',
  ],
  [/^Failed to remove VM from backup policy$/, () => 'Failed to remove VM from backup offering'],
  [
    /^VM has not backup policy configured, cannot create backup before assigning it to a backup policy$/,
    () => 'VM has not backup offering configured, cannot create backup before assigning it to a backup offering',
  ],
  [/^VM backup policy not found$/, () => 'VM backup offering not found'],
  [/^Failed to find backup policy of the VM backup$/, () => 'Failed to find backup offering of the VM backup'],
];

/** The released (offering-era) text of a policy-era message; other messages are returned as they are. */
export function toOfferingEraText(message: string): string {
  for (const [pattern, render] of OFFERING_ERA_TEXTS) {
    const match = pattern.exec(message);
    if (match !== null) return render(...match.slice(1));
  }
  return message;
}

/**
 * Runs an offering-era handler and rewrites the message of whatever it throws into offering-era
 * words. The error object itself is kept (its class and code decide the HTTP and CloudStack error
 * codes), only its text changes.
 */
export function inOfferingEraWords<A extends unknown[], R>(handler: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return async (...args: A) => {
    try {
      return await handler(...args);
    } catch (error) {
      if (error instanceof Error) error.message = toOfferingEraText(error.message);
      throw error;
    }
  };
}
