/** Which VBR the simulator pretends to be. */
export type Personality = '12' | '13';

/** REST revisions the simulator can speak, oldest first. 1.1 and older are not simulated. */
export const REVISIONS = ['1.2-rev0', '1.2-rev1', '1.3-rev0', '1.3-rev1', '1.3-rev2'] as const;
export type Revision = (typeof REVISIONS)[number];

export function isRevision(value: string): value is Revision {
  return (REVISIONS as readonly string[]).includes(value);
}

/** Position of a revision in time, for "from 1.3-rev1 on" checks. */
export function revisionRank(revision: Revision): number {
  return REVISIONS.indexOf(revision);
}

export function atLeast(revision: Revision, minimum: Revision): boolean {
  return revisionRank(revision) >= revisionRank(minimum);
}

export function isV13(revision: Revision): boolean {
  return atLeast(revision, '1.3-rev0');
}

/** The VBR build that shipped each revision as its newest (the doc's section 1 table). */
const BUILD_BY_NEWEST_REVISION: Readonly<Record<Revision, string>> = {
  '1.2-rev0': '12.3.0.310',
  '1.2-rev1': '12.3.1.1139',
  '1.3-rev0': '13.0.0.4967',
  '1.3-rev1': '13.0.1.180',
  '1.3-rev2': '13.1.0.411',
};

export interface PersonalityProfile {
  readonly personality: Personality;
  /** `serverInfo.buildVersion`. */
  readonly buildVersion: string;
  /** Revisions accepted in `x-api-version`, oldest first; anything else gets 400 NotImplemented. */
  readonly revisions: readonly Revision[];
  /** The newest accepted revision, what a client probing newest-first settles on. */
  readonly newestRevision: Revision;
}

/**
 * VBR 12.3.1 serves up to 1.2-rev1; VBR 13 serves the 1.2 revisions (deprecated) and 1.3 up to
 * `newestRevision` (13.0.1: 1.3-rev1, 13.1: 1.3-rev2).
 */
export function personalityProfile(
  personality: Personality,
  newestRevision?: Revision,
): PersonalityProfile {
  const newest = newestRevision ?? (personality === '12' ? '1.2-rev1' : '1.3-rev2');
  if (personality === '12' && isV13(newest)) {
    throw new RangeError(`VBR 12 serves no 1.3 revision (asked for ${newest})`);
  }
  if (personality === '13' && !isV13(newest)) {
    throw new RangeError(`VBR 13 serves 1.3 revisions (asked for newest ${newest})`);
  }
  const revisions = REVISIONS.filter((revision) => revisionRank(revision) <= revisionRank(newest));
  return {
    personality,
    buildVersion: BUILD_BY_NEWEST_REVISION[newest],
    revisions,
    newestRevision: newest,
  };
}
