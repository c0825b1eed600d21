import { join } from 'node:path';
import type { TfBlock, TfModule } from './module-loader.js';

/** Local sources (`./x`, `../x`) can be read and checked; registry and git sources cannot, offline. */
const localSource = (call: TfBlock): string | undefined => {
  const source = call.body.source;
  if (typeof source !== 'string') return undefined;
  return source.startsWith('./') || source.startsWith('../') ? source : undefined;
};

const childDir = (module: TfModule, call: TfBlock): string | undefined => {
  const source = localSource(call);
  if (source === undefined) return undefined;
  return join(module.dir, source);
};

/** Children of the module keyed by call name; absent when the source is not local. */
type ChildModules = ReadonlyMap<string, TfModule>;

export { childDir, localSource, type ChildModules };
