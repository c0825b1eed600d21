import { describe, expect, it } from '@jest/globals';
import { parseCli, usage } from '../src/cli-options.js';
import { DemoInputError } from '../src/errors.js';

describe('parseCli', () => {
  it('runs the success scenario with the scenario defaults when given nothing', () => {
    // Act
    const command = parseCli([]);

    // Assess
    expect(command).toEqual({ help: false, options: { scenario: 'success' } });
  });

  it('reads every option', () => {
    // Act
    const command = parseCli([
      '--scenario', 'canary',
      '--deployment-config', 'canary:20:2',
      '--speed', '120',
      '--seed', '7',
      '--faults', 'throttle=0.2,latency=10-50',
      '--rate', '80',
      '--termination-wait', '1',
    ]);

    // Assess
    expect(command).toEqual({
      help: false,
      options: {
        scenario: 'canary',
        deploymentConfig: 'canary:20:2',
        speed: 120,
        seed: 7,
        faults: { throttleRate: 0.2, latencyMs: [10, 50] },
        ratePerSecond: 80,
        terminationWaitMinutes: 1,
      },
    });
  });

  it('asks for help with --help and -h', () => {
    // Act
    const commands = [parseCli(['--help']), parseCli(['-h'])];

    // Assess
    expect(commands).toEqual([{ help: true }, { help: true }]);
  });

  it.each([
    [['--scenario', 'blue'], '--scenario "blue": expected one of success, hook-fails, canary, linear, cancel, cancel-stop, faults'],
    [['--speed', '0'], '--speed "0": expected a number from 1 to 100000'],
    [['--rate', 'fast'], '--rate "fast": expected a number from 1 to 2000'],
    [['--deployment-config', 'rolling'], '--deployment-config "rolling"'],
    [['--faults', 'throttle=0.6,5xx=0.5'], 'throttle + 5xx + drop must stay below 1'],
    [['--faults', 'gremlins=1'], 'unknown fault "gremlins"'],
    [['--verbose'], "Unknown option '--verbose'"],
  ])('refuses %j, naming the option and what it expects', (args, message) => {
    // Act
    const parse = (): unknown => parseCli(args);

    // Assess
    expect(parse).toThrow(DemoInputError);
    expect(parse).toThrow(message);
  });

  it('lists every scenario and option in the usage text', () => {
    // Assess
    for (const word of ['success', 'hook-fails', 'canary', 'linear', 'cancel', 'cancel-stop', 'faults', '--speed', '--seed', '--faults', '--deployment-config']) {
      expect(usage).toContain(word);
    }
  });
});
