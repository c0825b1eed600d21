/** An operation handler: takes the decoded request, returns the result object or throws AwsServiceError. */
type OperationHandler = (input: Readonly<Record<string, unknown>>) => object;

/**
 * One simulated AWS service: its IAM prefix (used for routing, the call log and `deny`), the SigV4 signing name its
 * requests' credential scope must name, and its operations.
 */
interface ServiceDefinition {
  readonly service: string;
  readonly signingName: string;
  readonly operations: Readonly<Record<string, OperationHandler>>;
}

export type { ServiceDefinition };
