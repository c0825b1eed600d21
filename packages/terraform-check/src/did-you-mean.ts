// Plain dynamic-programming edit distance: names are short, so a dependency would not pay for itself.
const levenshtein = (a: string, b: string): number => {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
};

/** ` (did you mean "x"?)` when a candidate is close enough to be a plausible typo, else an empty string. */
const didYouMean = (name: string, candidates: Iterable<string>): string => {
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = levenshtein(name, candidate);
    if (!best || distance < best.distance) best = { candidate, distance };
  }
  const threshold = Math.max(2, Math.floor(name.length / 3));
  return best && best.distance <= threshold ? ` (did you mean "${best.candidate}"?)` : '';
};

export { didYouMean };
