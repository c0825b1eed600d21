import { baseConfig } from '../../jest.config.base.js';

// Integration tests run the built action against aws-sim in scaled time; a loaded 2-core machine needs slack.
export default { ...baseConfig, testTimeout: 60_000 };
