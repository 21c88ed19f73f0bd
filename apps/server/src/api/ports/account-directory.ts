/** A domain, for list scoping. */
export interface DomainRecord {
  readonly id: string;
  readonly uuid: string;
  /** CloudStack domain path, `/` for ROOT, `/sales/` for a child. */
  readonly path: string;
}

/** Domain and account look-ups that list scoping (`account`, `domainid`) needs. */
export interface AccountDirectory {
  /** The non-removed domain with this internal id. */
  findDomain(id: string): Promise<DomainRecord | undefined>;
  /** The internal id of the non-removed account with this name in the domain (internal id). */
  findAccountId(accountName: string, domainId: string): Promise<string | undefined>;
}
