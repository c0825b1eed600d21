/** GREENLIGHT_CONFIG (or the config given to createLifecycleHook) is missing, not JSON, or breaks the schema. */
class LifecycleHookConfigError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'LifecycleHookConfigError';
  }
}

/** The invocation event is neither a CodeDeploy nor an ECS native lifecycle event, so nobody can be told. */
class LifecycleHookEventError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'LifecycleHookEventError';
  }
}

/** The test listener of the deployment could not be found from CodeDeploy and ELBv2. */
class TestListenerDiscoveryError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'TestListenerDiscoveryError';
  }
}

/** PutLifecycleEventHookExecutionStatus recorded nothing: refused (e.g. access denied) or kept failing until the deadline. */
class LifecycleReportError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'LifecycleReportError';
  }
}

/** Green answered something that is not a well-formed HTTP/1.1 response. */
class HttpResponseParseError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'HttpResponseParseError';
  }
}

export {
  HttpResponseParseError,
  LifecycleHookConfigError,
  LifecycleHookEventError,
  LifecycleReportError,
  TestListenerDiscoveryError,
};
