/** The clock the signature records are dated by (the system clock; tests may replace it). */
export const SIGNATURES_CLOCK = Symbol('csbr:SignaturesClock');
