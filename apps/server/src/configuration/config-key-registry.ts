import { Injectable } from '@nestjs/common';
import { type ConfigKeyDeclaration } from '@csbr/framework';
import { FRAMEWORK_CONFIG_COMPONENT, FRAMEWORK_CONFIG_KEYS } from '@csbr/framework/host';

import { OPERATIONS_CONFIG_COMPONENT, OPERATIONS_CONFIG_KEYS } from '../operations/operations-config-keys';
import { API_SERVER_CONFIG_COMPONENT, API_SERVER_CONFIG_KEYS } from './server-config-keys';

/** A declared key and who declared it (`configuration.component`). */
export interface RegisteredConfigKey {
  readonly declaration: ConfigKeyDeclaration;
  /** `BackupService` for the framework's keys, the provider name for a provider's. */
  readonly component: string;
}

/**
 * Every configuration key the server knows: the API server's and the framework's, then each
 * registered provider's. Filled at boot, read-only afterwards.
 */
@Injectable()
export class ConfigKeyRegistry {
  readonly #keys = new Map<string, RegisteredConfigKey>();

  constructor() {
    this.register(API_SERVER_CONFIG_COMPONENT, API_SERVER_CONFIG_KEYS);
    this.register(FRAMEWORK_CONFIG_COMPONENT, FRAMEWORK_CONFIG_KEYS);
    this.register(OPERATIONS_CONFIG_COMPONENT, OPERATIONS_CONFIG_KEYS);
  }

  /** Adds keys; a name registered twice keeps its first declaration (discovery refuses clashes). */
  register(component: string, declarations: readonly ConfigKeyDeclaration[]): void {
    for (const declaration of declarations) {
      if (!this.#keys.has(declaration.name)) this.#keys.set(declaration.name, { declaration, component });
    }
  }

  get(name: string): RegisteredConfigKey | undefined {
    return this.#keys.get(name);
  }

  list(): readonly RegisteredConfigKey[] {
    return [...this.#keys.values()];
  }

  /** Names of the framework's keys, which providers may not declare. */
  static frameworkKeyNames(): readonly string[] {
    return FRAMEWORK_CONFIG_KEYS.map((key) => key.name);
  }
}
