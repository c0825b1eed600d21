import { describe, expect, it } from '@jest/globals';
import { cutText } from '../../src/cut-text.js';

describe('cutting external text', () => {
  it('keeps text within the limit as it is', () => {
    // Act
    const cut = cutText('abc', 3);

    // Assess
    expect(cut).toBe('abc');
  });

  it('keeps the first characters and says how many were cut', () => {
    // Act
    const cut = cutText('a'.repeat(10), 4);

    // Assess
    expect(cut).toBe('aaaa … (6 characters cut)');
  });

  it('never ends the kept part inside a surrogate pair', () => {
    // Prepare
    const text = `abc${'😀'.repeat(3)}`;

    // Act
    const cut = cutText(text, 4);

    // Assess
    expect(cut).toBe('abc … (6 characters cut)');
    // encodeURIComponent throws on a lone surrogate.
    expect(encodeURIComponent(cut)).toContain('abc');
  });
});
