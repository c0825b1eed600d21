import type { BuildRecord, BuildStore } from '../engine/build-store.js';
import type { SimClock } from '../clock.js';
import { constraintError, stringList } from './input.js';
import type { ServiceDefinition } from './service.js';

/** What BatchGetBuilds shows of a planned build at time `now`. */
const buildView = (build: BuildRecord, now: number): object => {
  const endMs = build.endMs;
  const finished = now >= endMs;
  const visible = build.phases.filter((phase) => phase.start <= Math.min(now, endMs));
  const phases = visible.map((phase) => {
    const done = phase.end <= Math.min(now, endMs);
    return {
      phaseType: phase.phaseType,
      startTime: new Date(phase.start),
      ...(done
        ? {
            phaseStatus: phase.failed ? 'FAILED' : 'SUCCEEDED',
            endTime: new Date(Math.min(phase.end, endMs)),
            durationInSeconds: Math.round((Math.min(phase.end, endMs) - phase.start) / 1000),
            ...(phase.failed ? { contexts: [{ statusCode: 'COMMAND_EXECUTION_ERROR', message: `Error while executing command. Reason: exit status 1` }] } : {}),
          }
        : {}),
    };
  });
  const buildStatus = !finished ? 'IN_PROGRESS' : build.succeeded ? 'SUCCEEDED' : 'FAILED';
  if (finished) {
    phases.push({ phaseType: 'COMPLETED', startTime: new Date(endMs) });
  }
  return {
    id: build.id,
    arn: build.arn,
    buildNumber: build.buildNumber,
    startTime: new Date(build.startMs),
    ...(finished ? { endTime: new Date(endMs) } : {}),
    currentPhase: phases.at(-1)?.phaseType ?? 'SUBMITTED',
    buildStatus,
    buildComplete: finished,
    projectName: build.projectName,
    phases,
    logs: { ...build.logs, cloudWatchLogs: { status: 'ENABLED', groupName: build.logs.groupName, streamName: build.logs.streamName } },
    initiator: build.initiator,
    ...(build.sourceVersion === undefined ? {} : { sourceVersion: build.sourceVersion, resolvedSourceVersion: build.sourceVersion }),
  };
};

/** CodeBuild (CodeBuild_20161006): BatchGetBuilds over the builds that pipeline actions started. */
const codeBuildService = (builds: BuildStore, clock: SimClock): ServiceDefinition => ({
  service: 'codebuild',
  signingName: 'codebuild',
  operations: {
    BatchGetBuilds: (input) => {
      const ids = stringList(input, 'ids');
      if (ids.length < 1 || ids.length > 100) {
        throw constraintError(`[${ids.length} items]`, 'ids', 'Member must have length between 1 and 100 inclusive');
      }
      const now = clock.nowMs();
      const found = ids.flatMap((id) => {
        const build = builds.get(id);
        return build === undefined ? [] : [buildView(build, now)];
      });
      return { builds: found, buildsNotFound: ids.filter((id) => builds.get(id) === undefined) };
    },
  },
});

export { codeBuildService };
