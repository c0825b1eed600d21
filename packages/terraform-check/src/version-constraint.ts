// Terraform version constraints (`>= 6.0`, `~> 6.12`, `>= 6.0, < 7.0`), enough to test a version against them.

const parts = (version: string): number[] => {
  return version.split('.').map((part) => Number.parseInt(part, 10) || 0);
};

const compare = (a: readonly number[], b: readonly number[]): number => {
  for (let index = 0; index < Math.max(a.length, b.length); index += 1) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
};

const satisfiesOne = (version: readonly number[], clause: string): boolean => {
  const match = /^(>=|<=|!=|~>|>|<|=)?\s*v?([\d.]+)$/.exec(clause.trim());
  if (!match) return false;
  const [, operator = '=', bound = ''] = match;
  const target = parts(bound);
  const order = compare(version, target);
  switch (operator) {
    case '>=':
      return order >= 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    case '<':
      return order < 0;
    case '!=':
      return order !== 0;
    case '~>': {
      // `~> 6.12` allows 6.x from 6.12; `~> 6.12.1` allows 6.12.x from 6.12.1.
      const prefix = target.slice(0, Math.max(1, target.length - 1));
      return order >= 0 && compare(version.slice(0, prefix.length), prefix) === 0;
    }
    default:
      return order === 0;
  }
};

const satisfies = (version: string, constraint: string): boolean => {
  const parsed = parts(version);
  return constraint.split(',').every((clause) => satisfiesOne(parsed, clause));
};

/**
 * The lowest version a constraint lets Terraform choose (`>= 6.19` → 6.19.0, `~> 6.2, != 6.3.0` → 6.2.0,
 * `> 6.18` → 6.18.1): the floor a user who pins low actually gets. "0.0.0" without a lower bound.
 */
const lowestAllowed = (constraint: string): string => {
  let lowest = [0, 0, 0];
  for (const clause of constraint.split(',')) {
    const match = /^(>=|~>|>|=)?\s*v?([\d.]+)$/.exec(clause.trim());
    if (!match) continue;
    const [, operator = '=', bound = ''] = match;
    const floor = [...parts(bound), 0, 0, 0].slice(0, 3);
    if (operator === '>') floor[2] = (floor[2] ?? 0) + 1;
    if (compare(floor, lowest) > 0) lowest = floor;
  }
  return lowest.join('.');
};

const compareVersions = (a: string, b: string): number => {
  return compare(parts(a), parts(b));
};

export { compareVersions, lowestAllowed, satisfies };
