import { DemoInputError } from './errors.js';

/** Percentages of a listener's requests per target group, as CodeDeploy sets them on the ALB listener. */
interface TrafficWeights {
  readonly blue: number;
  readonly green: number;
}

const ALL_BLUE: TrafficWeights = { blue: 100, green: 0 };
const ALL_GREEN: TrafficWeights = { blue: 0, green: 100 };

const greenShare = (greenPercent: number): TrafficWeights => {
  if (!Number.isFinite(greenPercent) || greenPercent < 0 || greenPercent > 100) {
    throw new DemoInputError(`green traffic must be a percentage from 0 to 100, got ${greenPercent}`);
  }
  return { blue: 100 - greenPercent, green: greenPercent };
};

export { ALL_BLUE, ALL_GREEN, greenShare };
export type { TrafficWeights };
