export { AccountScopeResolver } from './account-scope-resolver';
export { canAccessDomain, computeAccountScope, type AccountScopeRequest } from './compute-account-scope';
export { asksForProjectResources, projectIdParam } from './project-param';
