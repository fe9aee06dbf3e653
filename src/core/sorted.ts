/** Index of the first item whose `at` is strictly after `at` in a list sorted by `at` (its length if none is). */
export function firstAfter(items: readonly { at: number }[], at: number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((items[mid] as { at: number }).at <= at) low = mid + 1;
    else high = mid;
  }
  return low;
}
