/**
 * Orders internal ids (MySQL bigints carried as decimal strings) numerically, so `'9' < '10'`;
 * ids that are not plain digits fall back to string order.
 */
export function compareIds(left: string, right: string): number {
  const numeric = /^\d+$/;
  if (numeric.test(left) && numeric.test(right)) {
    const a = left.replace(/^0+(?=\d)/, '');
    const b = right.replace(/^0+(?=\d)/, '');
    if (a.length !== b.length) return a.length - b.length;
  }
  return left < right ? -1 : left > right ? 1 : 0;
}
