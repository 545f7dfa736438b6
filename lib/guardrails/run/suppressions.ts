/**
 * Matches findings against the config's suppressions. A workload's suppressions cover its own
 * findings; an environment's cover every finding of its stack. `appliesTo` narrows a
 * suppression to finding ids, to their detail (e.g. `Action::s3:*`) or to a resource address.
 */
import { formatPath } from '../../spec/config-error';
import type { EnvironmentSpec, SuppressionSpec } from '../../spec/types';
import type { Finding } from '../rule';

/** Whether one `appliesTo` entry names a finding: its id, its detail or its resource address. */
const names = (entry: string, f: Finding) => entry === f.id || entry === f.address || (f.detail !== undefined && entry === f.detail);

/** Whether a suppression covers a finding. */
export function suppresses(s: SuppressionSpec, f: Finding): boolean {
  return s.rule === f.rule && (!s.appliesTo || s.appliesTo.some((a) => names(a, f)));
}

/** Finds the suppression of a finding (the workload's first, then the environment's) and records what matched. */
export class SuppressionMatcher {
  /** Config paths of the suppressions, and of their appliesTo entries, that matched a finding. */
  private readonly used = new Set<string>();

  /** The suppression covering `f` in `env`, if any. */
  match(f: Finding, env: EnvironmentSpec): SuppressionSpec | undefined {
    const workload = f.workload !== undefined ? env.workloads.find((w) => w.name === f.workload) : undefined;
    const found = [...(workload?.suppressions ?? []), ...env.suppressions].find((s) => suppresses(s, f));
    if (found) {
      this.used.add(formatPath(found.path));
      found.appliesTo?.forEach((a, i) => names(a, f) && this.used.add(formatPath([...found.path, 'appliesTo', i])));
    }
    return found;
  }

  /**
   * The suppressions of these environments that matched no finding in any of them, each once;
   * and, of those that matched, each appliesTo entry that named nothing (as a suppression of
   * that one entry, at its own path).
   */
  unused(envs: readonly EnvironmentSpec[]): SuppressionSpec[] {
    const all = new Map<string, SuppressionSpec>();
    for (const env of envs) for (const s of [...env.suppressions, ...env.workloads.flatMap((w) => w.suppressions)]) all.set(formatPath(s.path), s);
    return [...all].flatMap(([key, s]) => {
      if (!this.used.has(key)) return [s];
      const stale = (s.appliesTo ?? []).map((a, i) => ({ ...s, appliesTo: [a], path: [...s.path, 'appliesTo', i] }));
      return stale.filter((e) => !this.used.has(formatPath(e.path)));
    });
  }
}
