/**
 * One owner per shared cloud object. Some objects exist once per account or project, however
 * many environments use them (an IAM OIDC provider per issuer and AWS account, a
 * `google_project_iam_audit_config` per service and GCP project). When several environments
 * share that account or project, the first environment in config order that needs the object
 * owns it, with everything every environment asks of it merged in; the others only rely on it.
 * So no two stacks manage the same resource, and destroying one environment's stack cannot
 * remove what another still uses, unless it is the owner (then the README says what to do).
 */

/** The owner of one shared object and what the environments ask of it, merged. */
export interface OwnedObject<T> {
  /** The environment whose stack manages the object. */
  readonly owner: string;
  /** Every environment that needs it, owner first, in config order. */
  readonly users: readonly string[];
  /** What they ask of it, merged in config order. */
  readonly value: T;
}

/** One environment's need for a shared object. */
export interface ObjectNeed<T> {
  /** Identifies the object across environments (e.g. account and issuer). */
  readonly key: string;
  readonly env: string;
  readonly value: T;
}

/**
 * Plans the owner of every shared object from the needs of every environment, in config order:
 * the first environment to need an object owns it; `merge` folds each later need into its value.
 */
export function planOwnership<T>(needs: Iterable<ObjectNeed<T>>, merge: (into: T, next: T) => T): ReadonlyMap<string, OwnedObject<T>> {
  const plans = new Map<string, OwnedObject<T>>();
  for (const need of needs) {
    const plan = plans.get(need.key);
    if (!plan) {
      plans.set(need.key, { owner: need.env, users: [need.env], value: need.value });
      continue;
    }
    plans.set(need.key, {
      owner: plan.owner,
      users: plan.users.includes(need.env) ? plan.users : [...plan.users, need.env],
      value: merge(plan.value, need.value),
    });
  }
  return plans;
}
