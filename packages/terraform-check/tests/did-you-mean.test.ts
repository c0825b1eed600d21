import { describe, expect, it } from '@jest/globals';
import { didYouMean } from '../src/did-you-mean.js';

describe('did-you-mean', () => {
  it('suggests the closest name when it is a plausible typo', () => {
    // Prepare / Act
    const suggestion = didYouMean('retention_in_dayz', ['name', 'retention_in_days', 'kms_key_id']);

    // Assess
    expect(suggestion).toBe(' (did you mean "retention_in_days"?)');
  });

  it('suggests nothing when no name is close', () => {
    // Prepare / Act
    const suggestion = didYouMean('completely_different', ['name', 'tags']);

    // Assess
    expect(suggestion).toBe('');
  });
});
