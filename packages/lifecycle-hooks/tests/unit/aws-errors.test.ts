import { describe, expect, it } from '@jest/globals';
import { describeAwsError } from '../../src/aws-errors.js';

const awsError = (name: string, httpStatusCode: number): Error =>
  Object.assign(new Error(`${name} happened`), { name, $metadata: { httpStatusCode } });

describe('describeAwsError', () => {
  it('tells what permission to grant on access denied', () => {
    // Act
    const text = describeAwsError(awsError('AccessDeniedException', 403), 'GetDeployment d-1', 'codedeploy:GetDeployment');

    // Assess
    expect(text).toBe(
      "GetDeployment d-1 failed: AccessDeniedException: AccessDeniedException happened. Grant codedeploy:GetDeployment to the function's execution role.",
    );
  });

  it('points at the VPC route when the API cannot be reached', () => {
    // Act
    const text = describeAwsError(Object.assign(new Error('connect ETIMEDOUT'), { code: 'ETIMEDOUT' }), 'GetDeployment d-1', 'x');

    // Assess
    expect(text).toMatch(/If the function runs in a VPC, give it a route to the AWS API/);
  });
});
