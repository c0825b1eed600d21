import { baseConfig } from '../../jest.config.base.js';

// Generous: the machine is shared and loaded; simulated time, not this timeout, keeps the suite quick.
export default { ...baseConfig, testTimeout: 30_000 };
