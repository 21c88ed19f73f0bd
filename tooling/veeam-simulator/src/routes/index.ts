import { type RouteDef } from '../http/route';
import { authRoutes } from './auth-routes';
import { backupRoutes } from './backup-routes';
import { inventoryRoutes } from './inventory-routes';
import { jobRoutes } from './job-routes';
import { restoreRoutes } from './restore-routes';
import { serverRoutes } from './server-routes';
import { sessionRoutes } from './session-routes';

/** Every simulated VBR REST route. */
export const API_ROUTES: readonly RouteDef[] = [
  ...authRoutes,
  ...serverRoutes,
  ...inventoryRoutes,
  ...jobRoutes,
  ...sessionRoutes,
  ...backupRoutes,
  ...restoreRoutes,
];

/** The operationIds faults may name. */
export const OPERATIONS: ReadonlySet<string> = new Set(API_ROUTES.map((route) => route.operation));
