import { baseConfig } from '../../jest.config.base.js';

// The Lambda tests spawn Node 24 and wait on real readiness windows: generous for a slow, shared machine.
export default { ...baseConfig, testTimeout: 60_000 };
