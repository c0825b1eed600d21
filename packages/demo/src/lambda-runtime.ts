// Runs in its own Node 24 process, as the nodejs24.x runtime does: imports the function's module from the task
// root, calls the async handler once with a context whose remaining time counts down, and reports the outcome
// to the parent over IPC. Arguments: <task root> <handler "file.export"> <timeout ms> <event JSON>.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

type Handler = (event: unknown, context: unknown) => Promise<unknown>;

const [taskRoot = '', handlerSpec = 'index.handler', timeoutText = '60000', eventText = '{}'] = process.argv.slice(2);
const timeoutMs = Number(timeoutText);
const deadline = Date.now() + timeoutMs;
const functionName = process.env['AWS_LAMBDA_FUNCTION_NAME'] ?? 'function';
const region = process.env['AWS_REGION'] ?? 'us-east-1';

const report = (outcome: { ok: true; result: unknown } | { ok: false; error: string }): void => {
  process.send?.(outcome, () => process.exit(0));
};

const context = {
  functionName,
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:${region}:123456789012:function:${functionName}`,
  memoryLimitInMB: '128',
  awsRequestId: randomUUID(),
  // The host names the group and stream the invocation's output goes to, in the variables Lambda sets.
  logGroupName: process.env['AWS_LAMBDA_LOG_GROUP_NAME'] ?? '',
  logStreamName: process.env['AWS_LAMBDA_LOG_STREAM_NAME'] ?? '',
  callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: (): number => Math.max(0, deadline - Date.now()),
};

const run = async (): Promise<void> => {
  const dot = handlerSpec.lastIndexOf('.');
  const moduleName = handlerSpec.slice(0, dot);
  const exportName = handlerSpec.slice(dot + 1);
  const module = (await import(pathToFileURL(path.join(taskRoot, `${moduleName}.mjs`)).href)) as Record<string, unknown>;
  const handler = module[exportName];
  if (typeof handler !== 'function') throw new Error(`Runtime.HandlerNotFound: ${handlerSpec} is undefined or not exported`);
  const timedOut = new Promise<never>((_, reject) => {
    setTimeout(() => reject(new Error(`Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`)), timeoutMs).unref();
  });
  const result = await Promise.race([(handler as Handler)(JSON.parse(eventText), context), timedOut]);
  report({ ok: true, result });
};

run().catch((error: unknown) => report({ ok: false, error: error instanceof Error ? error.message : String(error) }));
