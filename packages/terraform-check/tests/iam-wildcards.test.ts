import { describe, expect, it } from '@jest/globals';
import { matchesIamPattern } from '../src/policy/iam-wildcards.js';

describe('IAM wildcard matching', () => {
  it('matches * over any run of characters and ? over one, in resource ARNs exactly as written', () => {
    // Prepare
    const limitedManagedPolicy = 'ECSTaskExecution*';

    // Act
    const outcomes = [
      matchesIamPattern(limitedManagedPolicy, 'ECSTaskExecutionRoleForApp'),
      matchesIamPattern(limitedManagedPolicy, 'app-ecs-execution'),
      matchesIamPattern(limitedManagedPolicy, 'ecstaskexecutionrole'),
      matchesIamPattern('app-?', 'app-1'),
      matchesIamPattern('app-?', 'app-12'),
      matchesIamPattern('*-ecs-*', 'web-ecs-task'),
    ];

    // Assess
    expect(outcomes).toEqual([true, false, false, true, false, true]);
  });

  it('compares actions in any case, as IAM does', () => {
    // Act / Assess
    expect(matchesIamPattern('IAM:pass*', 'iam:PassRole', true)).toBe(true);
    expect(matchesIamPattern('iam:Get*', 'iam:PassRole', true)).toBe(false);
  });

  it('answers a pattern of many wildcards against a long value without backtracking blow-up', () => {
    // Prepare
    const pattern = `${'*a'.repeat(30)}b`;
    const value = 'a'.repeat(5_000);

    // Act
    const matched = matchesIamPattern(pattern, value);

    // Assess
    expect(matched).toBe(false);
  });
});
