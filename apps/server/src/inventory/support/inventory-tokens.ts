/**
 * The ownership rule (owner, domain admin of the owner's domain tree, root admin) the inventory
 * commands check with: the framework's `AccessChecker` over the `domain` table.
 */
export const INVENTORY_ACCESS_CHECKER = Symbol('csbr:inventory:AccessChecker');
