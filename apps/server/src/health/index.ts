export { HealthController, type HealthStatus } from './health.controller';
export { HealthModule } from './health.module';
