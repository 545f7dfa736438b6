/**
 * Matches findings against the config's suppressions. A workload's suppressions cover its own
 * findings; an environment's cover every finding of its stack. `appliesTo` narrows a
 * suppression to finding ids, to their detail (e.g. `Action::s3:*`) or to a resource address.
 */
import { formatPath } from '../spec/config-error';
import type { EnvironmentSpec, SuppressionSpec } from '../spec/types';
import type { Finding } from './rule';

/** Whether a suppression covers a finding. */
export function suppresses(s: SuppressionSpec, f: Finding): boolean {
  return s.rule === f.rule && (!s.appliesTo || s.appliesTo.some((a) => a === f.id || a === f.address || (f.detail !== undefined && a === f.detail)));
}

/** Finds the suppression of a finding (the workload's first, then the environment's) and records its use. */
export class SuppressionMatcher {
  private readonly used = new Set<string>();

  /** The suppression covering `f` in `env`, if any. */
  match(f: Finding, env: EnvironmentSpec): SuppressionSpec | undefined {
    const workload = f.workload !== undefined ? env.workloads.find((w) => w.name === f.workload) : undefined;
    const found = [...(workload?.suppressions ?? []), ...env.suppressions].find((s) => suppresses(s, f));
    if (found) this.used.add(formatPath(found.path));
    return found;
  }

  /** The suppressions of these environments that matched no finding in any of them (each once). */
  unused(envs: readonly EnvironmentSpec[]): SuppressionSpec[] {
    const all = new Map<string, SuppressionSpec>();
    for (const env of envs) for (const s of [...env.suppressions, ...env.workloads.flatMap((w) => w.suppressions)]) all.set(formatPath(s.path), s);
    return [...all].filter(([key]) => !this.used.has(key)).map(([, s]) => s);
  }
}
