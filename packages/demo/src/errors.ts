/** A CLI option or rehearsal option with a value the demo cannot use; the message names it and what is expected. */
class DemoInputError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DemoInputError';
  }
}


/** The sample app did not start or stop as expected. */
class AppProcessError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'AppProcessError';
  }
}

/** A deployment package that cannot be unpacked. */
class ZipArchiveError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ZipArchiveError';
  }
}

/** Something the rehearsal needs (a built artifact, a free port) is missing; the message says how to get it. */
class RehearsalSetupError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'RehearsalSetupError';
  }
}

/** A new target never became healthy in its target group. */
class TargetHealthError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'TargetHealthError';
  }
}

export { AppProcessError, DemoInputError, RehearsalSetupError, TargetHealthError, ZipArchiveError };
