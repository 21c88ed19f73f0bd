import { type ProviderPolicy } from '../../../domain/types';
import { BackupError, isBackupError } from '../../../errors/backup-error';
import {
  type BackupPolicyQuery,
  type BackupPolicyView,
  type Caller,
  type Page,
  type PageRequest,
} from '../../ports';
import { requireRootAdmin } from '../caller-rules';
import { type ManagerContext } from '../manager-context';
import { Messages } from '../messages';
import { type OperationOptions } from '../operation-options';
import { type ImportPolicyRequest, type UpdatePolicyRequest } from '../types';

/** The provider's own catalogue for the zone (`listBackupPolicies external=true`). */
export async function listExternalPolicies(
  context: ManagerContext,
  caller: Caller,
  zoneId: string,
  options: OperationOptions,
): Promise<readonly ProviderPolicy[]> {
  requireRootAdmin(caller, Messages.externalRequiresRootAdmin);
  const zone = await context.zones.requireEnabledZone(zoneId);
  const provider = await context.zones.requireProvider(zone);
  const budget = await context.providerCalls.budget('policies', zone);
  return context.providerCalls.run(provider, budget, options, (callOptions) =>
    provider.instance.listPolicies(zone, callOptions),
  );
}

/** Imports an entry of the provider's catalogue as a policy of the zone. */
export async function importPolicy(
  context: ManagerContext,
  caller: Caller,
  request: ImportPolicyRequest,
  options: OperationOptions,
): Promise<BackupPolicyView> {
  requireRootAdmin(caller, Messages.importRequiresRootAdmin);
  const zone = await context.zones.requireEnabledZone(request.zoneId);
  const { policies } = context.repositories;
  const duplicate = await findDuplicate(context, zone.id, request);
  if (duplicate !== undefined) throw duplicate;

  const provider = await context.zones.requireProvider(zone);
  const budget = await context.providerCalls.budget('policies', zone);
  const valid = await context.providerCalls.run(provider, budget, options, (callOptions) =>
    provider.instance.isValidPolicy(zone, request.externalId, callOptions),
  );
  if (!valid) {
    throw new BackupError(
      'NOT_FOUND',
      Messages.policyNotOnProvider(request.externalId, provider.name, zone.uuid),
    );
  }

  let policyId: string;
  try {
    const inserted = await policies.insert({
      name: request.name,
      description: request.description,
      externalId: request.externalId,
      zoneId: zone.id,
      created: context.clock.now(),
      allowUserDrivenBackups: request.allowUserDrivenBackups ?? true,
    });
    policyId = inserted.id;
  } catch (error) {
    // Another import won the race between our checks and the insert: report it the same way.
    if (isBackupError(error) && error.code === 'ALREADY_EXISTS') {
      throw (
        (await findDuplicate(context, zone.id, request)) ??
        new BackupError('ALREADY_EXISTS', Messages.policyExternalIdExists(request.externalId), {
          cause: error,
        })
      );
    }
    throw error;
  }

  const view = (await policies.list({ id: policyId }, { offset: 0, limit: 1 })).items[0];
  if (view === undefined) {
    throw new BackupError(
      'OPERATION_FAILED',
      Messages.policyCreateFailed(request.externalId, request.name),
    );
  }
  return view;
}

/** The error for an active policy of the zone with the same external id or name, if any. */
async function findDuplicate(
  context: ManagerContext,
  zoneId: string,
  request: ImportPolicyRequest,
): Promise<BackupError | undefined> {
  const { policies } = context.repositories;
  if ((await policies.findActiveByExternalId(zoneId, request.externalId)) !== undefined) {
    return new BackupError('ALREADY_EXISTS', Messages.policyExternalIdExists(request.externalId));
  }
  if ((await policies.findActiveByName(zoneId, request.name)) !== undefined) {
    return new BackupError('ALREADY_EXISTS', Messages.policyNameExists);
  }
  return undefined;
}

/**
 * Soft-deletes an imported policy that no VM is assigned to; it can be imported again later. The
 * policy is locked while the assignments (live and in flight) are counted, so an assignment cannot
 * slip in, and of several concurrent deletions exactly one succeeds.
 */
export async function deletePolicy(
  context: ManagerContext,
  caller: Caller,
  policyId: string,
): Promise<void> {
  requireRootAdmin(caller, Messages.deleteRequiresRootAdmin);
  const { policies } = context.repositories;
  const policy = await policies.findById(policyId, { includeRemoved: true });
  const notFound = (): BackupError =>
    new BackupError('NOT_FOUND', Messages.policyNotFoundForDelete(policy?.uuid ?? policyId));
  if (policy === undefined || policy.removed !== undefined) throw notFound();
  await context.zones.requireEnabledZone(policy.zoneId);
  await context.transactions.run(async (tx) => {
    if ((await tx.policies.lockActive(policy.id)) === undefined) throw notFound();
    const assigned =
      (await tx.mappings.countByPolicy(policy.id)) + (await tx.operations.countByPolicy(policy.id));
    if (assigned > 0) throw new BackupError('IN_USE', Messages.policyInUse);
    if (!(await tx.policies.softDelete(policy.id, context.clock.now()))) throw notFound();
  });
}

/** Imported (active) policies; with `id`, exactly that policy or `NOT_FOUND`. */
export async function listPolicies(
  context: ManagerContext,
  query: BackupPolicyQuery,
  page: PageRequest,
): Promise<Page<BackupPolicyView>> {
  const { policies } = context.repositories;
  if (query.id !== undefined) {
    // As CloudStack: an id names one policy, whatever the other filters say.
    const found = await policies.list({ id: query.id }, { offset: 0, limit: 1 });
    if (found.total === 0) {
      const removed = await policies.findById(query.id, { includeRemoved: true });
      throw new BackupError('NOT_FOUND', Messages.policyDoesNotExist(removed?.uuid ?? query.id));
    }
    return found;
  }
  return policies.list(
    {
      ...(query.zoneId === undefined ? {} : { zoneId: query.zoneId }),
      ...(query.keyword === undefined ? {} : { keyword: query.keyword }),
    },
    page,
  );
}

/**
 * Changes an active policy's name, description or `allowUserDrivenBackups` (`updateBackupOffering`).
 * Root admins only. A name taken by another active policy of the zone is refused by the database.
 */
export async function updatePolicy(
  context: ManagerContext,
  caller: Caller,
  request: UpdatePolicyRequest,
): Promise<BackupPolicyView> {
  requireRootAdmin(caller, Messages.updateRequiresRootAdmin);
  const { policies } = context.repositories;
  const policy = await policies.findById(request.policyId, { includeRemoved: true });
  const notFound = (): BackupError =>
    new BackupError('INVALID_PARAMETER', Messages.policyNotFoundForUpdate(policy?.uuid ?? request.policyId));
  if (policy === undefined || policy.removed !== undefined) throw notFound();
  const updated = await policies.update(policy.id, {
    ...(request.name === undefined ? {} : { name: request.name }),
    ...(request.description === undefined ? {} : { description: request.description }),
    ...(request.allowUserDrivenBackups === undefined
      ? {}
      : { allowUserDrivenBackups: request.allowUserDrivenBackups }),
  });
  if (!updated) throw notFound();
  const view = (await policies.list({ id: policy.id }, { offset: 0, limit: 1 })).items[0];
  if (view === undefined) throw notFound();
  return view;
}
