export { CLI_USAGE, runCli, UsageError } from './cli-main';
export { type CliOutput, processOutput } from './cli-output';
export {
  importInventory,
  type ImportOptions,
  type ImportSummary,
  UnresolvedReferencesError,
} from './import-inventory/import-inventory';
export {
  InvalidInventoryFileError,
  type InventoryFile,
  normalizeDomainReference,
  parseInventoryFile,
} from './import-inventory/inventory-file';
