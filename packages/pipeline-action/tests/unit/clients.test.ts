import { afterEach, describe, expect, it } from '@jest/globals';
import { clientConfig } from '../../src/clients.js';

describe('the AWS clients', () => {
  const saved = process.env['AWS_RETRY_MODE'];
  afterEach(() => {
    if (saved === undefined) delete process.env['AWS_RETRY_MODE'];
    else process.env['AWS_RETRY_MODE'] = saved;
  });

  it("use the SDK's adaptive retry mode, which slows a throttled client down", () => {
    // Prepare
    delete process.env['AWS_RETRY_MODE'];

    // Act
    const config = clientConfig('eu-west-1');

    // Assess
    expect(config.retryMode).toBe('adaptive');
  });

  it.each([
    ['standard', 'standard'],
    ['legacy', 'legacy'],
    ['fast', 'adaptive'],
  ])('take AWS_RETRY_MODE=%s as %s', (fromEnvironment, expected) => {
    // Prepare
    process.env['AWS_RETRY_MODE'] = fromEnvironment;

    // Act
    const config = clientConfig('eu-west-1');

    // Assess
    expect(config.retryMode).toBe(expected);
  });
});
