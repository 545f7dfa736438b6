/**
 * The clouds a workload has something to do on, which its `clouds` default to: the one it runs on
 * plus every cloud where one of its grants names something (a resource of its `access` that has
 * that cloud's fields, or an `extraAccess.<cloud>` entry). No identity is made where it would be idle.
 */
import { CLOUDS } from '../access/vocabulary';
import type { Cloud } from '../access/vocabulary';

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** The clouds the grants of a workload (as written, possibly malformed) name something on, in CLOUDS order. */
export function grantedClouds(access: unknown, extraAccess: unknown, resources: unknown): Cloud[] {
  const named = (Array.isArray(access) ? access : []).flatMap((a) => {
    const name = isObject(a) ? a.resource : undefined;
    // An own key only: `__proto__` must not find Object.prototype.
    const resource = typeof name === 'string' && isObject(resources) && Object.hasOwn(resources, name) ? resources[name] : undefined;
    return isObject(resource) ? CLOUDS.filter((c) => isObject(resource[c])) : [];
  });
  const extra = isObject(extraAccess) ? CLOUDS.filter((c) => Array.isArray(extraAccess[c]) && extraAccess[c].length > 0) : [];
  return CLOUDS.filter((c) => named.includes(c) || extra.includes(c));
}

/** A workload's default clouds in one environment: its home cloud and the configured clouds its grants name. */
export function defaultClouds(home: Cloud | undefined, granted: readonly Cloud[], configured: (cloud: Cloud) => boolean): Cloud[] {
  return CLOUDS.filter((c) => c === home || (granted.includes(c) && configured(c)));
}
