import { baseConfig } from '../../jest.config.base.js';

// Integration tests run the built action against aws-sim in scaled time; a loaded 2-core machine needs slack.
// They mostly wait on simulated time, not CPU, so two workers overlap those waits.
export default { ...baseConfig, testTimeout: 60_000, maxWorkers: 2 };
