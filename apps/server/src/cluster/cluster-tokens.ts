/** Nest injection token of this instance's {@link ClusterMembership}. */
export const CLUSTER_MEMBERSHIP = Symbol('csbr.cluster.ClusterMembership');
/** Nest injection token of the {@link LeaseService}. */
export const LEASES = Symbol('csbr.cluster.Leases');
/** Nest injection token of the {@link ClusterOverview}. */
export const CLUSTER_OVERVIEW = Symbol('csbr.cluster.ClusterOverview');
