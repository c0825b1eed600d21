import { DemoInputError } from './errors.js';

const SHIFT_KIND = { AllAtOnce: 'all-at-once', Canary: 'canary', Linear: 'linear' } as const;
type ShiftKind = (typeof SHIFT_KIND)[keyof typeof SHIFT_KIND];

/** How production traffic moves to green, as a CodeDeploy ECS deployment configuration describes it. */
interface DeploymentConfig {
  /** The CodeDeploy name, e.g. `CodeDeployDefault.ECSCanary10Percent5Minutes`. */
  readonly name: string;
  readonly kind: ShiftKind;
  /** Canary: the first share; linear: the share added each step. Unused for all-at-once. */
  readonly percent: number;
  /** Whole minutes between steps (simulated time), as CodeDeploy's time-based configurations count them. */
  readonly intervalMinutes: number;
}

const ALL_AT_ONCE: DeploymentConfig = {
  name: 'CodeDeployDefault.ECSAllAtOnce',
  kind: SHIFT_KIND.AllAtOnce,
  percent: 100,
  intervalMinutes: 0,
};

const EXPECTED =
  'expected CodeDeployDefault.ECSAllAtOnce, CodeDeployDefault.ECSCanary<P>Percent<M>Minutes, ' +
  'CodeDeployDefault.ECSLinear<P>PercentEvery<M>Minutes(s), or the short forms all-at-once, canary:<P>:<M>, linear:<P>:<M>';

const build = (kind: ShiftKind, percentText: string, minutesText: string, value: string): DeploymentConfig => {
  const percent = Number(percentText);
  const intervalMinutes = Number(minutesText);
  if (!Number.isInteger(percent) || percent < 1 || percent > 99) {
    throw new DemoInputError(`--deployment-config "${value}": the percentage must be a whole number from 1 to 99`);
  }
  if (!Number.isFinite(intervalMinutes) || intervalMinutes <= 0) {
    throw new DemoInputError(`--deployment-config "${value}": the interval must be a positive number of minutes`);
  }
  const name =
    kind === SHIFT_KIND.Canary
      ? `CodeDeployDefault.ECSCanary${percent}Percent${intervalMinutes}Minutes`
      : `CodeDeployDefault.ECSLinear${percent}PercentEvery${intervalMinutes}Minute${intervalMinutes === 1 ? '' : 's'}`;
  return { name, kind, percent, intervalMinutes };
};

/** Parses `--deployment-config`: a CodeDeploy predefined (or custom-shaped) name, or a short form. */
const parseDeploymentConfig = (value: string): DeploymentConfig => {
  const trimmed = value.trim();
  if (trimmed === 'all-at-once' || trimmed === ALL_AT_ONCE.name) return ALL_AT_ONCE;
  const canary = /^(?:CodeDeployDefault\.ECSCanary(\d+)Percent(\d+)Minutes?|canary:(\d+):(\d+))$/.exec(trimmed);
  if (canary) return build(SHIFT_KIND.Canary, canary[1] ?? canary[3] ?? '', canary[2] ?? canary[4] ?? '', trimmed);
  const linear = /^(?:CodeDeployDefault\.ECSLinear(\d+)PercentEvery(\d+)Minutes?|linear:(\d+):(\d+))$/.exec(trimmed);
  if (linear) return build(SHIFT_KIND.Linear, linear[1] ?? linear[3] ?? '', linear[2] ?? linear[4] ?? '', trimmed);
  throw new DemoInputError(`--deployment-config "${value}": ${EXPECTED}`);
};

export { parseDeploymentConfig, SHIFT_KIND, type ShiftKind };
export type { DeploymentConfig };
