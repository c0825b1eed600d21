import { createLifecycleHook } from './create-lifecycle-hook.js';

/** The bundled Lambda entry (`index.handler`): configured by the GREENLIGHT_CONFIG environment variable. */
const handler = createLifecycleHook({ config: () => process.env['GREENLIGHT_CONFIG'] });

export { handler };
