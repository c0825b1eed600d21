const missing = Symbol('missing');

const decodeToken = (token: string): string => token.replaceAll('~1', '/').replaceAll('~0', '~');

/**
 * Resolves an RFC 6901 JSON pointer ("" is the whole document, "/items/0/id" walks keys and indexes).
 * Returns MISSING when any step does not exist, so a pointer to an explicit `null` stays distinguishable.
 */
const resolveJsonPointer = (document: unknown, pointer: string): unknown => {
  if (pointer === '') {
    return document;
  }
  let current: unknown = document;
  for (const token of pointer.slice(1).split('/').map(decodeToken)) {
    if (Array.isArray(current)) {
      if (!/^(0|[1-9]\d*)$/.test(token) || Number(token) >= current.length) {
        return missing;
      }
      current = current[Number(token)];
    } else if (typeof current === 'object' && current !== null && Object.hasOwn(current, token)) {
      current = (current as Record<string, unknown>)[token];
    } else {
      return missing;
    }
  }
  return current;
};

/** Structural equality of JSON values (key order does not matter). */
const jsonEquals = (left: unknown, right: unknown): boolean => {
  if (left === right) {
    return true;
  }
  if (Array.isArray(left) || Array.isArray(right)) {
    return (
      Array.isArray(left) &&
      Array.isArray(right) &&
      left.length === right.length &&
      left.every((item, index) => jsonEquals(item, right[index]))
    );
  }
  if (typeof left === 'object' && left !== null && typeof right === 'object' && right !== null) {
    const leftKeys = Object.keys(left);
    return (
      leftKeys.length === Object.keys(right).length &&
      leftKeys.every(
        (key) =>
          Object.hasOwn(right, key) &&
          jsonEquals((left as Record<string, unknown>)[key], (right as Record<string, unknown>)[key]),
      )
    );
  }
  return false;
};

export { jsonEquals, missing, resolveJsonPointer };
