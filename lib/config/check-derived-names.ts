/**
 * Refuses, at load, a config whose derived names a cloud would refuse or two things would
 * share. Names are never changed to make them fit: renaming an identity replaces it, so
 * the user renames a workload or environment instead.
 */
import type { Cloud } from '../access/vocabulary';
import type { ConfigPath, ConfigProblem } from '../spec/config-error';
import { DERIVED_NAME_RULES, derivedNames } from '../spec/derived-names';
import type { DerivedName, NameOwner } from '../spec/derived-names';
import { shown, shownName } from '../spec/echo';
import type { Spec } from '../spec/types';

const CLOUD_NAMES: Readonly<Record<Cloud, string>> = { aws: 'AWS', gcp: 'GCP', azure: 'Azure' };

/** Problems with the names the spec derives: broken cloud rules, and names two owners share in one namespace. */
export function checkDerivedNames(spec: Spec, lineOf: (path: ConfigPath) => number | undefined = () => undefined): ConfigProblem[] {
  const names = derivedNames(spec);
  return [...brokenRules(names), ...collisions(names, lineOf)];
}

function brokenRules(names: readonly DerivedName[]): ConfigProblem[] {
  const reported = new Set<string>();
  const problems: ConfigProblem[] = [];
  for (const n of names) {
    const rule = DERIVED_NAME_RULES[n.kind];
    if (!rule.valid || rule.valid.pattern.test(n.name)) continue;
    const key = `${n.kind}\0${n.name}`;
    if (reported.has(key)) continue;
    reported.add(key);
    problems.push({
      path: n.owner.path,
      message: `${n.owner.text} would be named ${shown(n.name)}, which ${CLOUD_NAMES[rule.cloud]} refuses (${rule.valid.rule}; ${rule.valid.source}); ${n.owner.fix}`,
    });
  }
  return problems;
}

const ownerKey = (o: NameOwner) => `${o.path.join('\0')}\0${o.text}`;

function collisions(names: readonly DerivedName[], lineOf: (path: ConfigPath) => number | undefined): ConfigProblem[] {
  const first = new Map<string, DerivedName>();
  const pairs = new Map<string, { first: NameOwner; second: NameOwner; clashes: DerivedName[] }>();
  for (const n of names) {
    const key = `${n.kind}\0${n.scope.key}\0${n.name}`;
    const before = first.get(key);
    if (!before) {
      first.set(key, n);
      continue;
    }
    if (ownerKey(before.owner) === ownerKey(n.owner)) continue;
    const pair = `${ownerKey(before.owner)}\u0001${ownerKey(n.owner)}`;
    const entry = pairs.get(pair) ?? { first: before.owner, second: n.owner, clashes: [] };
    pairs.set(pair, entry);
    entry.clashes.push(n);
  }
  return [...pairs.values()].map(({ first: a, second: b, clashes }) => {
    const line = lineOf(a.path);
    const byName = new Map<string, string[]>();
    for (const c of clashes) {
      const rule = DERIVED_NAME_RULES[c.kind];
      byName.set(c.name, [...(byName.get(c.name) ?? []), `${CLOUD_NAMES[rule.cloud]} ${rule.what} in ${c.scope.text}`]);
    }
    const named = [...byName].map(([name, where]) => `${shownName(name)} (${where.join(', ')})`).join(' and ');
    const workloads = [a, b].filter((o) => o.path[0] === 'workloads').length;
    const fix = workloads === 2 ? 'rename one of them' : workloads === 1 ? 'rename the workload' : 'rename one of the environments';
    return {
      path: b.path,
      message: `${b.text} and ${a.text}${line ? ` (line ${line})` : ''} would both be named ${named}; ${fix}`,
    };
  });
}
