import { DemoInputError } from './errors.js';

/** Fault injection for the simulator, in aws-sim's FaultSpec shape. */
interface FaultSettings {
  readonly throttleRate?: number;
  readonly serverErrorRate?: number;
  readonly dropRate?: number;
  readonly latencyMs?: readonly [number, number];
}

// Enough to make every client retry often (users report throttling at ~10-20 concurrent pollers) while
// leaving each call a fair chance: the `faults` scenario and `--faults default`.
const DEFAULT_FAULTS: FaultSettings = { throttleRate: 0.3, serverErrorRate: 0.1 };

const EXPECTED = 'expected "default" or a comma-separated list of throttle=<0-1>, 5xx=<0-1>, drop=<0-1>, latency=<min>-<max> (ms)';

const rate = (value: string, text: string): number => {
  const parsed = Number(value);
  if (value === '' || !Number.isFinite(parsed) || parsed < 0 || parsed > 1) {
    throw new DemoInputError(`--faults "${text}": "${value}" is not a share from 0 to 1; ${EXPECTED}`);
  }
  return parsed;
};

/** Parses `--faults`, e.g. `throttle=0.3,5xx=0.1,latency=20-200`. */
const parseFaults = (text: string): FaultSettings => {
  if (text.trim() === 'default') return DEFAULT_FAULTS;
  const settings: { -readonly [K in keyof FaultSettings]: FaultSettings[K] } = {};
  for (const part of text.split(',').map((item) => item.trim())) {
    const [key = '', value = ''] = part.split('=');
    switch (key) {
      case 'throttle':
        settings.throttleRate = rate(value, text);
        break;
      case '5xx':
        settings.serverErrorRate = rate(value, text);
        break;
      case 'drop':
        settings.dropRate = rate(value, text);
        break;
      case 'latency': {
        const [min, max] = value.split('-').map(Number);
        if (min === undefined || max === undefined || !(min >= 0) || !(max >= min)) {
          throw new DemoInputError(`--faults "${text}": latency must be <min>-<max> milliseconds, got "${value}"`);
        }
        settings.latencyMs = [min, max];
        break;
      }
      default:
        throw new DemoInputError(`--faults "${text}": unknown fault "${key}"; ${EXPECTED}`);
    }
  }
  if ((settings.throttleRate ?? 0) + (settings.serverErrorRate ?? 0) + (settings.dropRate ?? 0) >= 1) {
    throw new DemoInputError(`--faults "${text}": throttle + 5xx + drop must stay below 1, or no call would ever succeed`);
  }
  return settings;
};

const describeFaults = (settings: FaultSettings): string => {
  const parts = [
    settings.throttleRate === undefined ? '' : `${Math.round(settings.throttleRate * 100)}% throttled`,
    settings.serverErrorRate === undefined ? '' : `${Math.round(settings.serverErrorRate * 100)}% 5xx`,
    settings.dropRate === undefined ? '' : `${Math.round(settings.dropRate * 100)}% dropped`,
    settings.latencyMs === undefined ? '' : `${settings.latencyMs[0]}-${settings.latencyMs[1]} ms added latency`,
  ].filter(Boolean);
  return parts.length === 0 ? 'none' : parts.join(', ');
};

export { DEFAULT_FAULTS, describeFaults, parseFaults };
export type { FaultSettings };
