export { BootstrapModule } from './bootstrap.module';
export { createApp, type RunningServer, startServer } from './create-app';
export { InitialDataService } from './initial-data.service';
export { hashPassword, verifyPassword } from './password-hasher';
