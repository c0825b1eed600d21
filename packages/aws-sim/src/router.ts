import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import type { CallLog } from './call-log.js';
import { AwsServiceError } from './errors.js';
import { INJECTED_FAULT, type FaultDecision, type FaultInjector } from './faults.js';
import type { ProtocolCodec } from './protocol/codec.js';
import { json10Codec, jsonCodec } from './protocol/json-codec.js';
import { queryCodec } from './protocol/query-codec.js';
import { admit, unknownOperation, type AdmissionOptions } from './request-admission.js';
import type { ServiceDefinition } from './services/service.js';

interface RouterOptions extends AdmissionOptions {
  readonly services: readonly ServiceDefinition[];
  readonly faults: FaultInjector;
  readonly calls: CallLog;
  readonly account: string;
}

/** Every protocol spoken, each recognising its own requests: AWS JSON 1.0, 1.1, then the Query services. */
const codecs: readonly ProtocolCodec[] = [json10Codec, jsonCodec, queryCodec('elasticloadbalancing')];

const readBody = async (request: IncomingMessage): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
};

/** The error an injected fault answers with, or undefined for faults that answer nothing (drops) or nothing unusual. */
const faultError = (fault: FaultDecision['fault'], service: string, operation: string, account: string): AwsServiceError | undefined => {
  switch (fault) {
    case INJECTED_FAULT.ExpiredCredentials:
      return new AwsServiceError('ExpiredTokenException', 'The security token included in the request is expired');
    case INJECTED_FAULT.Denied:
      return new AwsServiceError(
        'AccessDeniedException',
        `User: arn:aws:sts::${account}:assumed-role/github-actions/greenlight is not authorized to perform: ${service}:${operation} because no identity-based policy allows the ${service}:${operation} action`,
        403,
      );
    case INJECTED_FAULT.Throttle:
    case INJECTED_FAULT.RateLimited:
      return new AwsServiceError('ThrottlingException', 'Rate exceeded');
    case INJECTED_FAULT.InternalError:
      return new AwsServiceError('InternalFailure', 'The request processing has failed because of an unknown error, exception or failure.', 500);
    case INJECTED_FAULT.ServiceUnavailable:
      return new AwsServiceError('ServiceUnavailable', 'The service is unavailable. Please try again later.', 503);
    case INJECTED_FAULT.DropBeforeHandling:
    case INJECTED_FAULT.DropAfterHandling:
    case undefined:
      return undefined;
  }
};

/**
 * The HTTP front door: recognises the protocol, checks the SigV4 signature and decodes the request, records it,
 * injects the decided fault, dispatches to the service's operation and writes the answer in the same protocol.
 */
const createRouter = (options: RouterOptions): RequestListener => {
  const byService = new Map(options.services.map((definition) => [definition.service, definition]));

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const at = new Date();
    const body = await readBody(request);
    const codec = codecs.find((candidate) => candidate.recognises(request.headers));
    if (codec === undefined) {
      const failure = unknownOperation();
      options.calls.add({ service: 'unknown', operation: 'unknown', input: {}, status: failure.httpStatus, errorType: failure.code, at });
      jsonCodec.writeError(response, failure);
      return;
    }
    const { decoded, refusal } = admit(request, body, codec, byService, options);
    if (decoded === undefined || refusal !== undefined) {
      const failure = refusal ?? unknownOperation();
      options.calls.add({
        service: decoded?.service ?? 'unknown',
        operation: decoded?.operation ?? 'unknown',
        input: decoded?.input ?? {},
        status: failure.httpStatus,
        errorType: failure.code,
        at,
      });
      codec.writeError(response, failure);
      return;
    }
    const { service, operation, input } = decoded;
    const decision = options.faults.decide(service, operation);
    const record = (status: number, errorType?: string): void =>
      options.calls.add({
        service,
        operation,
        input,
        status,
        ...(errorType === undefined ? {} : { errorType }),
        ...(decision.fault === undefined ? {} : { fault: decision.fault }),
        ...(decision.latencyMs === 0 ? {} : { latencyMs: decision.latencyMs }),
        at,
      });
    if (decision.latencyMs > 0) {
      await delay(decision.latencyMs);
    }
    if (decision.fault === INJECTED_FAULT.DropBeforeHandling) {
      record(0);
      request.socket.destroy();
      return;
    }
    const injected = faultError(decision.fault, service, operation, options.account);
    if (injected !== undefined) {
      record(injected.httpStatus, injected.code);
      codec.writeError(response, injected);
      return;
    }
    let status = 200;
    let output: object | undefined;
    let failure: AwsServiceError | undefined;
    try {
      const handler = byService.get(service)?.operations[operation];
      if (handler === undefined) {
        throw new AwsServiceError(
          'AccessDeniedException',
          `The simulator does not implement ${service}:${operation}; it answers AccessDenied as an IAM policy without that action would.`,
          403,
        );
      }
      output = handler(input);
    } catch (error) {
      failure =
        error instanceof AwsServiceError
          ? error
          : new AwsServiceError('InternalFailure', `The simulator failed: ${(error as Error).message}`, 500);
      status = failure.httpStatus;
    }
    record(status, failure?.code);
    if (decision.fault === INJECTED_FAULT.DropAfterHandling) {
      request.socket.destroy();
      return;
    }
    if (failure !== undefined) {
      codec.writeError(response, failure);
      return;
    }
    codec.writeResult(response, operation, output ?? {});
  };

  return (request, response) => {
    handle(request, response).catch(() => {
      request.socket.destroy();
    });
  };
};

export { createRouter };
