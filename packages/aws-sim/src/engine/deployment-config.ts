/** One production traffic shift: GREEN gets `greenPercent`, then the deployment waits `waitSeconds`. */
interface TrafficStep {
  readonly greenPercent: number;
  readonly waitSeconds: number;
}

const CANARY = /Canary(\d+)Percent(\d+)Minutes?$/;
const LINEAR = /Linear(\d+)PercentEvery(\d+)Minutes?$/;

/**
 * The production traffic shifts of an ECS deployment configuration, read from its name as CodeDeploy's
 * predefined ones spell it (`CodeDeployDefault.ECSCanary10Percent5Minutes`, `...ECSLinear10PercentEvery1Minutes`,
 * `...ECSAllAtOnce`); unknown names shift all at once.
 */
const trafficSteps = (deploymentConfigName: string): TrafficStep[] => {
  const canary = CANARY.exec(deploymentConfigName);
  if (canary !== null) {
    return [
      { greenPercent: Number(canary[1]), waitSeconds: Number(canary[2]) * 60 },
      { greenPercent: 100, waitSeconds: 0 },
    ];
  }
  const linear = LINEAR.exec(deploymentConfigName);
  const step = Number(linear?.[1] ?? 0);
  if (linear !== null && step > 0) {
    const steps: TrafficStep[] = [];
    for (let percent = step; percent < 100; percent += step) {
      steps.push({ greenPercent: percent, waitSeconds: Number(linear[2]) * 60 });
    }
    return [...steps, { greenPercent: 100, waitSeconds: 0 }];
  }
  return [{ greenPercent: 100, waitSeconds: 0 }];
};

export { trafficSteps };
export type { TrafficStep };
