export { ClusterMembership, MshostState, type DeadPeerHandler } from './cluster-membership';
export { ClusterModule } from './cluster.module';
export { CLUSTER_MEMBERSHIP, LEASES } from './cluster-tokens';
export { LeaseNames, LeaseService } from './lease-service';
