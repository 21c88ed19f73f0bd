import { firstAtOrAfter, type ChainRecord, type RestorePointRecord } from '../model/backups';
import { NIL_GUID } from '../model/ids';
import { type ApiRequest } from '../http/route';
import {
  dateParam,
  enumListParam,
  enumParam,
  envelope,
  readPaging,
  stringParam,
  uuidParam,
  wildcardMatcher,
  type Paged,
  type Paging,
} from '../http/query';
import { renderRestorePoint } from '../http/render';
import { defaultLimit, orderAsc } from './limits';

export const PLATFORM_NAMES = [
  'VMware',
  'HyperV',
  'CloudDirector',
  'WindowsPhysical',
  'LinuxPhysical',
  'Tape',
  'CustomPlatform',
  'EntraID',
  'UnstructuredData',
  'Test',
  'MongoDb',
  'Iris',
  'AWSEC2',
  'AzureCompute',
  'GCE',
  'Nutanix',
  'Proxmox',
  'LinuxPhysicalPpc',
  'ApplicationBackupRepository',
] as const;
const POINT_TYPES = ['Increment', 'Full', 'Rollback', 'Snapshot', 'Cdp', 'Different'] as const;
const MALWARE = ['Clean', 'Suspicious', 'Infected', 'Informative'] as const;

/** Points of several chains, oldest first. */
function mergeChains(chains: readonly ChainRecord[]): readonly RestorePointRecord[] {
  if (chains.length === 1) return chains[0]!.points;
  return chains.flatMap((chain) => chain.points).sort((a, b) => a.time - b.time || a.seq - b.seq);
}

/**
 * `GET /restorePoints` and `/backupObjects/{id}/restorePoints`. The candidates are sorted by
 * creation time, so the date filters are binary searches and, with no other filter, a page of
 * the 300,000-point timeline costs only its own points: the section 5 sync stays cheap.
 * Date filters are inclusive: clients must de-duplicate by id, as the doc advises.
 */
export function listRestorePoints(
  request: ApiRequest,
  scope?: ChainRecord,
): Paged<Record<string, unknown>> {
  const { query, state, codec } = request;
  const backupId = uuidParam(query, 'backupIdFilter');
  const objectId = uuidParam(query, 'backupObjectIdFilter');
  let candidates: readonly RestorePointRecord[];
  if (scope !== undefined) candidates = scope.points;
  else if (objectId !== undefined) candidates = state.backups.chain(objectId)?.points ?? [];
  else if (backupId !== undefined)
    candidates = mergeChains(state.backups.backup(backupId)?.chains ?? []);
  else candidates = state.backups.timeline();

  const after = dateParam(query, 'createdAfterFilter');
  const before = dateParam(query, 'createdBeforeFilter');
  const start = after === undefined ? 0 : firstAtOrAfter(candidates, after);
  const end = before === undefined ? candidates.length : firstAtOrAfter(candidates, before + 1);

  const predicates: ((point: RestorePointRecord) => boolean)[] = [];
  if (scope !== undefined && objectId !== undefined)
    predicates.push((point) => point.chain.id === objectId);
  if (backupId !== undefined && (scope !== undefined || objectId !== undefined)) {
    predicates.push((point) => point.chain.backup.id === backupId);
  }
  const nameFilter = stringParam(query, 'nameFilter');
  if (nameFilter !== undefined) {
    const matches = wildcardMatcher(nameFilter);
    predicates.push((point) => matches(point.chain.vmName));
  }
  const platform = enumParam(query, 'platformNameFilter', PLATFORM_NAMES);
  if (platform !== undefined && platform !== 'VMware') predicates.push(() => false);
  const platformId = uuidParam(query, 'platformIdFilter');
  if (platformId !== undefined && platformId !== NIL_GUID) predicates.push(() => false);
  const malware = enumListParam(query, 'malwareStatusFilter', MALWARE);
  if (malware !== undefined && !malware.includes('Clean')) predicates.push(() => false);
  if (codec.rev2Fields) {
    const types = enumListParam(query, 'typeFilter', POINT_TYPES);
    if (types !== undefined)
      predicates.push((point) => types.includes(point.full ? 'Full' : 'Increment'));
  }

  // The matching points as a window on the sorted candidates: no copy when nothing else filters.
  let selected: { readonly length: number; at(index: number): RestorePointRecord };
  if (predicates.length === 0) {
    const from = start;
    selected = { length: Math.max(0, end - start), at: (index) => candidates[from + index]! };
  } else {
    const matching: RestorePointRecord[] = [];
    for (let i = start; i < end; i++) {
      const point = candidates[i]!;
      if (predicates.every((matches) => matches(point))) matching.push(point);
    }
    selected = { length: matching.length, at: (index) => matching[index]! };
  }
  const total = selected.length;

  const column = enumParam(query, 'orderColumn', [
    'CreationTime',
    'PlatformId',
    'BackupId',
  ] as const);
  const ascending = orderAsc(request) !== false;
  const paging: Paging =
    scope !== undefined && !codec.pagedObjectLists
      ? { skip: 0, limit: undefined }
      : readPaging(query, defaultLimit(request));
  const render = (point: RestorePointRecord) => renderRestorePoint(state, point, codec);

  if (column === 'BackupId') {
    const sorted = Array.from({ length: total }, (_, i) => selected.at(i)).sort((a, b) =>
      a.chain.backup.id < b.chain.backup.id
        ? -1
        : a.chain.backup.id > b.chain.backup.id
          ? 1
          : a.time - b.time,
    );
    if (!ascending) sorted.reverse();
    const limit = paging.limit ?? sorted.length;
    return envelope(sorted.slice(paging.skip, paging.skip + limit).map(render), total, paging);
  }
  // CreationTime, PlatformId (the same nil GUID everywhere) and no order: the time order.
  const count = Math.max(0, Math.min(paging.limit ?? total, total - paging.skip));
  const data: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const offset = paging.skip + i;
    data.push(render(selected.at(ascending ? offset : total - 1 - offset)));
  }
  return envelope(data, total, paging);
}
