export { HealthController, type HealthStatus, type ReadinessStatus } from './health.controller';
export { HealthModule } from './health.module';
