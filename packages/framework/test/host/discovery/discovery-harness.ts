import { type ProviderContext, type ProviderLogger } from '../../../src/contract/provider-context';
import { type BackupProviderDefinition } from '../../../src/contract/define-backup-provider';
import { discoverProviders, type DiscoverProvidersOptions } from '../../../src/host/discovery';
import { type ProviderRegistry } from '../../../src/host/discovery/provider-registry';
import { InMemoryProviderStateStore } from '../../../src/testing';
import { type ProviderDiagnostic } from '../../../src/host/provider-types';

export interface LoggerSpy extends ProviderLogger {
  readonly debug: jest.Mock;
  readonly info: jest.Mock;
  readonly warn: jest.Mock;
  readonly error: jest.Mock;
}

export function createLoggerSpy(): LoggerSpy {
  return { debug: jest.fn(), info: jest.fn(), warn: jest.fn(), error: jest.fn() };
}

export interface DiscoveryRun {
  readonly registry: ProviderRegistry;
  readonly hostLogger: LoggerSpy;
  /** What providers logged through their own context, as `<provider>: <message>`, in order. */
  readonly providerLines: string[];
  readonly createContext: jest.Mock<ProviderContext, [BackupProviderDefinition]>;
}

/** Runs discovery with a logger spy and contexts whose loggers record what providers say. */
export async function runDiscovery(
  options: Omit<DiscoverProvidersOptions, 'logger' | 'createContext'>,
): Promise<DiscoveryRun> {
  const hostLogger = createLoggerSpy();
  const providerLines: string[] = [];
  const createContext = jest.fn((definition: BackupProviderDefinition): ProviderContext => {
    const line = (message: string): void => {
      providerLines.push(`${definition.name}: ${message}`);
    };
    return {
      providerName: definition.name,
      logger: { debug: line, info: line, warn: line, error: line },
      config: {
        get: () => Promise.resolve(''),
        getBoolean: () => Promise.resolve(false),
        getNumber: () => Promise.resolve(0),
      },
      state: new InMemoryProviderStateStore(),
      now: () => new Date('2020-01-01T00:00:00Z'),
    };
  });
  const registry = await discoverProviders({ ...options, logger: hostLogger, createContext });
  return { registry, hostLogger, providerLines, createContext };
}

/** The diagnostic of one package; fails the test when there is not exactly one. */
export function diagnosticOf(registry: ProviderRegistry, packageName: string): ProviderDiagnostic {
  const matching = registry.diagnostics().filter((diagnostic) => diagnostic.packageName === packageName);
  expect(matching).toHaveLength(1);
  return matching[0]!;
}
