/**
 * Whether an IAM policy value with `*` (any run of characters) and `?` (one character) wildcards matches
 * `value`, as IAM compares actions (any case) and resource ARNs (exact case):
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
 * Patterns come from configuration, so they are matched by a two-pointer scan rather than a regular expression.
 */
const matchesIamPattern = (pattern: string, value: string, ignoreCase = false): boolean => {
  const wanted = ignoreCase ? pattern.toLowerCase() : pattern;
  const text = ignoreCase ? value.toLowerCase() : value;
  let p = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    if (p < wanted.length && (wanted[p] === '?' || wanted[p] === text[t])) {
      p += 1;
      t += 1;
    } else if (p < wanted.length && wanted[p] === '*') {
      star = p;
      resume = t;
      p += 1;
    } else if (star !== -1) {
      p = star + 1;
      resume += 1;
      t = resume;
    } else {
      return false;
    }
  }
  while (wanted[p] === '*') p += 1;
  return p === wanted.length;
};

export { matchesIamPattern };
