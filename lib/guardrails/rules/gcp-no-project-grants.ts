import { GCP_TARGETS, targetNames } from '../../kinds';
import { gcpGrants } from '../gcp-bindings';
import type { Rule } from '../rule';

const nouns = Object.values(GCP_TARGETS).map((t) => t.noun);
/** Every resource a kind binds on, in words and as `extraAccess gcp: on:` values. */
const TARGETS = `${nouns.slice(0, -1).join(', ')} or ${nouns.at(-1)} (extraAccess gcp: on: ${targetNames(GCP_TARGETS).join('|')})`;

export const gcpNoProjectGrants: Rule = {
  id: 'WI-GCP-003',
  level: 'error',
  cloud: 'gcp',
  statement: 'Roles are bound on the resource itself, never on a whole project, folder or organization.',
  why: 'A project-level binding applies to every bucket, secret, topic and key of the project, present and future.',
  fix: `Bind on the ${TARGETS}.`,
  check: (ctx) =>
    gcpGrants(ctx)
      .filter((g) => g.hierarchyWide)
      .map((g) => ({ resource: g.resource, detail: `Role::${g.role}`, message: `grants ${g.role} on the whole ${g.resource.type.split('_')[1]}` })),
};
