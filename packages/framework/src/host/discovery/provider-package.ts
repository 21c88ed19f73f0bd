import { type ProviderSource } from '../provider-types';

/** The `"csbr"` field of a provider package's package.json. */
export interface ProviderMarker {
  /** The provider name operators select with `backup.framework.provider.plugin`. */
  readonly provider: string;
  /** The semver range of provider contracts the package was written for. */
  readonly contract: string;
}

/** A package named by the host's or the plugin folder's package.json, found on disk. */
export interface CandidatePackage {
  readonly packageName: string;
  readonly packageVersion?: string;
  readonly source: ProviderSource;
  /** The package.json whose `dependencies` named the package; resolution starts from there. */
  readonly resolvedFrom: string;
  /** The package's directory (symlinks resolved). */
  readonly root: string;
  /** The parsed package.json of the package. */
  readonly manifest: Readonly<Record<string, unknown>>;
}

/** A candidate whose package.json carries a well-formed marker. */
export interface ProviderPackage extends CandidatePackage {
  readonly marker: ProviderMarker;
}

/** What messages need to name a package. */
export type PackageIdentity = Pick<CandidatePackage, 'packageName' | 'packageVersion' | 'source'>;

/** `"name@version" (plugin directory)`: how every discovery message names a package. */
export function describePackage(identity: PackageIdentity): string {
  const version = identity.packageVersion === undefined ? '' : `@${identity.packageVersion}`;
  return `"${identity.packageName}${version}" (${describeSource(identity.source)})`;
}

/** Human wording of a source, for messages. */
export function describeSource(source: ProviderSource): string {
  switch (source) {
    case 'dependency':
      return 'dependency';
    case 'plugin-dir':
      return 'plugin directory';
  }
}
