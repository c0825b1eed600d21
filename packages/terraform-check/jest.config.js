import { baseConfig } from '../../jest.config.base.js';

// Each test file starts both WebAssembly parsers; on a loaded 2-core machine that alone can take seconds.
export default { ...baseConfig, testTimeout: 60_000 };
