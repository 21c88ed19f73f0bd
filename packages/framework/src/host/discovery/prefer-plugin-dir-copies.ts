import { type DiscoveryRecorder } from './discovery-recorder';
import { type CandidatePackage } from './provider-package';
import { readProviderMarker } from './read-marker';

/**
 * When the same package is both a server dependency and installed in the plugin folder, keeps the
 * plugin folder's copy: that is how an operator upgrades a bundled provider without rebuilding the
 * server. This is not a name conflict; the choice is recorded when the dropped copy is a provider.
 */
export function preferPluginDirCopies(
  candidates: readonly CandidatePackage[],
  recorder: DiscoveryRecorder,
): CandidatePackage[] {
  const pluginDirCopies = new Map(
    candidates.filter((candidate) => candidate.source === 'plugin-dir').map((candidate) => [candidate.packageName, candidate]),
  );
  return candidates.filter((candidate) => {
    const replacement = pluginDirCopies.get(candidate.packageName);
    if (candidate.source !== 'dependency' || replacement === undefined) return true;
    if (candidate.manifest.csbr !== undefined) {
      recorder.shadowed({ ...candidate, marker: markerOrUndefined(candidate) }, replacement);
    }
    return false;
  });
}

/** The dropped copy's marker, for the record only: a malformed one does not matter any more. */
function markerOrUndefined(candidate: CandidatePackage): ReturnType<typeof readProviderMarker> {
  try {
    return readProviderMarker(candidate);
  } catch {
    return undefined;
  }
}
