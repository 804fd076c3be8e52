/**
 * Exhaustive reference optimum for small instances (tests and the benchmark): tries every set of mentors for every
 * mentee, memoised on (mentee, remaining capacities), so it shares no logic with the flow solver it checks.
 */

/**
 * The largest total of scores[i][j] (0 = pair not allowed) with at most wants[i] mentors per mentee and capacity[j]
 * mentees per mentor.
 */
export function bruteForceBest(
  scores: readonly (readonly number[])[],
  wants: readonly number[],
  capacity: readonly number[],
): number {
  const memo = new Map<string, number>();
  const left = [...capacity];
  const best = (i: number): number => {
    if (i === scores.length) return 0;
    const key = `${i}|${left.join(",")}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let result = 0;
    const row = scores[i]!;
    const pick = (from: number, taken: number, sum: number) => {
      result = Math.max(result, sum + best(i + 1));
      if (taken === wants[i]) return;
      for (let j = from; j < row.length; j++) {
        if (row[j]! <= 0 || left[j]! <= 0) continue;
        left[j] = left[j]! - 1;
        pick(j + 1, taken + 1, sum + row[j]!);
        left[j] = left[j]! + 1;
      }
    };
    pick(0, 0, 0);
    memo.set(key, result);
    return result;
  };
  return best(0);
}

/**
 * The largest total of a matching on a symmetric score matrix (0 = pair not allowed), by exhaustive search over who the
 * lowest free person pairs with.
 */
export function bruteForcePeers(scores: readonly (readonly number[])[]): number {
  const n = scores.length;
  const memo = new Map<number, number>();
  const best = (used: number): number => {
    let i = 0;
    while (i < n && (used & (1 << i)) !== 0) i++;
    if (i >= n) return 0;
    const known = memo.get(used);
    if (known !== undefined) return known;
    let result = best(used | (1 << i));
    for (let j = i + 1; j < n; j++) {
      if ((used & (1 << j)) !== 0 || scores[i]![j]! <= 0) continue;
      result = Math.max(result, scores[i]![j]! + best(used | (1 << i) | (1 << j)));
    }
    memo.set(used, result);
    return result;
  };
  return best(0);
}
