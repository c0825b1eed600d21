import { describe, expect, it } from '@jest/globals';
import { jsonEquals, missing, resolveJsonPointer } from '../../src/json-pointer.js';

describe('JSON pointers', () => {
  const document = { status: 'ok', 'a/b': { 'm~n': 1 }, items: [{ id: 7 }], nothing: null };

  it.each([
    ['', document],
    ['/status', 'ok'],
    ['/a~1b/m~0n', 1],
    ['/items/0/id', 7],
    ['/nothing', null],
  ])('resolves %j', (pointer, expected) => {
    // Act
    const value = resolveJsonPointer(document, pointer);

    // Assess
    expect(value).toEqual(expected);
  });

  it.each(['/missing', '/items/1', '/items/01', '/items/x', '/status/length'])('tells %j is missing', (pointer) => {
    // Act
    const value = resolveJsonPointer(document, pointer);

    // Assess
    expect(value).toBe(missing);
  });

  it('compares JSON values structurally, ignoring key order', () => {
    // Assess
    expect(jsonEquals({ a: [1, { b: 2 }], c: null }, { c: null, a: [1, { b: 2 }] })).toBe(true);
    expect(jsonEquals({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(jsonEquals([1, 2], [2, 1])).toBe(false);
    expect(jsonEquals('1', 1)).toBe(false);
  });
});
