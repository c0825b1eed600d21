/**
 * The Mann–Whitney U rank test of two independent samples (Kayenta's canary judge compares baseline and canary with
 * it), by the normal approximation with tie and continuity corrections: the same U and p as
 * scipy.stats.mannwhitneyu(x, y, method="asymptotic"). Rank-based, so one extreme interval cannot decide alone.
 */
interface MannWhitneyResult {
  /** U of the first sample: how many (x, y) pairs have x above y, ties counting one half. */
  readonly u: number;
  readonly z: number;
  readonly pValue: number;
}

/**
 * `greater`: the first sample tends to be larger than the second (the one-sided question "is green worse than
 * blue?" for metrics where larger is worse); `two-sided`: the two differ either way.
 */
type Alternative = 'greater' | 'two-sided';

// Chebyshev fit of erfc with a fractional error below 1.2e-7 everywhere (Press et al., Numerical Recipes, 6.2).
const ERFC_COEFFICIENTS = [
  -1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587, -0.82215223,
  0.17087277,
] as const;

const erfc = (x: number): number => {
  const z = Math.abs(x);
  const t = 1 / (1 + z / 2);
  const polynomial = ERFC_COEFFICIENTS.reduceRight((sum, coefficient) => coefficient + t * sum, 0);
  const value = t * Math.exp(-z * z + polynomial);
  return x >= 0 ? value : 2 - value;
};

/** P(Z > z) for a standard normal Z. */
const normalUpperTail = (z: number): number => erfc(z / Math.SQRT2) / 2;

/** 1-based ranks of the pooled values, tied values sharing their average rank; and Σ(t³ − t) over tie groups. */
const rankPooled = (pooled: readonly number[]): { ranks: number[]; tieTerm: number } => {
  const order = pooled.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  const ranks = new Array<number>(pooled.length).fill(0);
  let tieTerm = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]?.value === order[start]?.value) {
      end += 1;
    }
    const averageRank = (start + end) / 2 + 1;
    for (let position = start; position <= end; position += 1) {
      ranks[order[position]?.index ?? 0] = averageRank;
    }
    const tied = end - start + 1;
    tieTerm += tied ** 3 - tied;
    start = end + 1;
  }
  return { ranks, tieTerm };
};

const mannWhitneyU = (x: readonly number[], y: readonly number[], alternative: Alternative): MannWhitneyResult => {
  const n1 = x.length;
  const n2 = y.length;
  if (n1 === 0 || n2 === 0) {
    throw new RangeError('the Mann–Whitney test needs at least one value in each sample');
  }
  const n = n1 + n2;
  const { ranks, tieTerm } = rankPooled([...x, ...y]);
  const rankSumX = ranks.slice(0, n1).reduce((sum, rank) => sum + rank, 0);
  const u = rankSumX - (n1 * (n1 + 1)) / 2;
  const mean = (n1 * n2) / 2;
  const deviation = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
  // Every value tied: the samples cannot be told apart.
  if (deviation === 0) {
    return { u, z: 0, pValue: 1 };
  }
  const tested = alternative === 'greater' ? u : Math.max(u, n1 * n2 - u);
  const z = (tested - mean - 0.5) / deviation;
  const pValue = alternative === 'greater' ? normalUpperTail(z) : Math.min(1, 2 * normalUpperTail(z));
  return { u, z, pValue };
};

export { mannWhitneyU };
export type { Alternative, MannWhitneyResult };
