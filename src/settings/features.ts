// Which features to compute: pyradiomics' featureClass semantics over the registered classes.
import type { FeatureClass } from '../features/types.js';
import { InputError } from '../io/errors.js';
import type { Params } from './types.js';

/** pyradiomics leaves shape2D off unless a parameter file names it. */
const OFF_BY_DEFAULT = new Set(['shape2D']);

/**
 * Class name -> feature names to compute, in pyradiomics' order. No featureClass section: every
 * registered class except shape2D with its default features. A class mapped to null/[]: its defaults;
 * a list: exactly those (deprecated features allowed by name). Unknown names throw.
 */
export function resolveEnabledFeatures(params: Params, registry: Record<string, FeatureClass<any>>, source = 'parameters'): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const requested = Object.entries(params.featureClass);
  if (requested.length === 0) {
    for (const [name, cls] of Object.entries(registry)) if (!OFF_BY_DEFAULT.has(name)) out.set(name, [...cls.defaultFeatures]);
    return out;
  }
  for (const [name, list] of requested) {
    const cls = registry[name];
    if (!cls) throw new InputError(source, `feature class ${name} is not available in this build (available: ${Object.keys(registry).join(', ') || 'none'})`);
    if (!list) {
      out.set(name, [...cls.defaultFeatures]);
      continue;
    }
    const known = new Set([...cls.defaultFeatures, ...cls.deprecatedFeatures]);
    for (const f of list) if (!known.has(f)) throw new InputError(source, `unknown ${name} feature "${f}" (valid: ${[...known].join(', ')})`);
    out.set(name, [...new Set(list)]);
  }
  return out;
}
