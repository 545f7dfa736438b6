/**
 * Checks the schema cannot express: references between sections, levels per resource kind,
 * clouds configured per environment, pinned subjects, and each cloud's naming rules. Runs on
 * the raw config even when the schema failed, so every problem is reported at once; it skips
 * what is not of the right shape (the schema already reported it).
 */
import { CLOUDS } from '../access/vocabulary';
import type { Cloud } from '../access/vocabulary';
import { issuerKey } from '../aws/trust-policy';
import { RULE_IDS } from '../guardrails/rules/pack';
import { brokenNameRule, GCP_TARGETS, KINDS, levelsOf } from '../kinds';
import type { GcpTargetName, ResourceKind } from '../kinds';
import { FEDERATION_OWNER_RULE } from '../guardrails/rules/federation-owner';
import { FEDERATION_PINNING_RULE } from '../guardrails/rules/federation-pinned';
import { FEDERATED_FORMS, FEDERATED_FORM_ENTRIES } from '../sources/forms';
import { homeCloud } from '../sources/runs-on';
import { Problems } from '../spec/config-error';
import type { ConfigPath } from '../spec/config-error';
import { checkAwsStatement } from '../spec/aws-statement-rules';
import { checkFreeText } from './free-text';
import { checkRuntimeClouds, rawSources } from './check-source-lists';
import { checkPlaceholders, expandPlaceholders } from '../spec/placeholders';
import type { PlaceholderValues } from '../spec/placeholders';
import { placeholderValues } from './normalize';
import type { RawEnvironment } from './raw-config';
import { ENV_NAME } from './schema';
import { validateMonitoring } from './validate-monitoring';
import { defaultClouds, grantedClouds } from './granted-clouds';
import type { RawWorkload } from './raw-config';
import { checkRenames } from '../spec/renames';
import { listed, shown, shownName } from '../spec/echo';
import { visibleLength } from '../spec/reason';

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const entries = (v: unknown): [string, unknown][] => (isObject(v) ? Object.entries(v) : []);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const isKind = (v: unknown): v is ResourceKind => typeof v === 'string' && Object.hasOwn(KINDS, v);
const WILDCARD = /[*?]/;
const VALID_ENV_NAME = new RegExp(ENV_NAME);
/** What a subject part may hold: it lands in JWT claims, IAM conditions and CEL strings. */
const SUBJECT_PART = /^[\x21-\x7e]+$/;
const NO_QUOTES = /["'`\\]/;
/** Shortest reason a suppression may give. */
export const MIN_SUPPRESSION_REASON = 10;
/**
 * Where an IAM policy variable may stand in extraAccess.aws statements: the Resource (or
 * NotResource) and the values of Condition ("You can use policy variables in the Resource element
 * and in string comparisons in the Condition element",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#policy-vars-wheretouse).
 * Synth escapes them (`$${aws:username}`).
 */
const isIamVariablePosition = (path: ConfigPath) =>
  path[0] === 'workloads' && path[2] === 'extraAccess' && path[3] === 'aws' &&
  (path[5] === 'Resource' || path[5] === 'NotResource' || (path[5] === 'Condition' && path.length >= 8));

/** Appends every semantic problem of a raw config to `problems`. */
export function validateSemantics(raw: unknown, problems: Problems): void {
  if (!isObject(raw)) return;
  const envNames = entries(raw.environments).map(([name]) => name);
  // Placeholders are checked expanded in valid environments only: an invalid name is reported once, at its key, not again in every value holding `{env}`.
  const expandable = entries(raw.environments)
    .filter(([name, env]) => VALID_ENV_NAME.test(name) && isObject(env))
    .map(([name, env]) => placeholderValues(name, env as unknown as RawEnvironment));
  checkPlaceholders(raw, problems, { iamVariables: isIamVariablePosition, environmentsOf: (path) => expandedIn(raw, path, expandable) });
  checkFreeText(raw, problems);
  checkRenames(raw, problems);
  const configured = (env: string, cloud: Cloud) => isObject((raw.environments as Record<string, Record<string, unknown>>)[env]?.[cloud]);

  for (const [name, resource] of entries(raw.resources)) checkResource(name, resource, (path) => expandedIn(raw, path, expandable), problems);
  validateMonitoring(raw, problems);

  for (const [name, workload] of entries(raw.workloads)) {
    if (!isObject(workload)) continue;
    const w = workload as Partial<RawWorkload> & Record<string, unknown>;
    const path = ['workloads', name];
    const envs = Array.isArray(w.environments) ? (w.environments as unknown[]).filter((e): e is string => typeof e === 'string') : envNames;
    list(w.environments).forEach((env, i) => {
      if (typeof env === 'string' && !envNames.includes(env)) problems.add([...path, 'environments', i], `${shown(env)} is not an environment (known: ${listed(envNames)})`);
    });
    const deployedTo = envs.filter((e) => envNames.includes(e));

    list(w.clouds).forEach((cloud, i) => {
      if (typeof cloud !== 'string' || !(CLOUDS as readonly string[]).includes(cloud)) return;
      for (const env of deployedTo) {
        if (!configured(env, cloud as Cloud)) problems.add([...path, 'clouds', i], `${cloud} is not configured in environment ${shownName(env)}`);
      }
    });
    const sources = rawSources(w.runsOn, [...path, 'runsOn']);
    // The first runtime source's cloud (a list of two clouds' runtimes is refused below).
    const home = sources.map(([s]) => (isObject(s) ? homeCloud(s) : undefined)).find((c) => c !== undefined);
    const granted = grantedClouds(w.access, w.extraAccess, raw.resources);
    const cloudsIn = (env: string) => defaultClouds(home, granted, (c) => configured(env, c));
    // Its clouds in any environment: the explicit list (plus where it runs), else the default per environment.
    const clouds = Array.isArray(w.clouds)
      ? CLOUDS.filter((c) => c === home || (w.clouds as unknown[]).includes(c))
      : CLOUDS.filter((c) => deployedTo.some((env) => cloudsIn(env).includes(c)));
    // Only a well-formed federated source (a runsOn of no form or of several was reported by the schema), and not
    // again in an environment that configures no cloud (reported at the environment).
    const federated = sources.length > 0 && sources.every(([s]) => isObject(s) && Object.keys(s).length === 1 && Object.hasOwn(FEDERATED_FORMS, Object.keys(s)[0]));
    if (!Array.isArray(w.clouds) && federated) checkIdle(path, granted, deployedTo.filter((env) => !cloudsIn(env).length && CLOUDS.some((c) => configured(env, c))), problems);
    const wildcardAllowed = checkSuppressions(w.suppress, [...path, 'suppress'], problems).includes(FEDERATION_PINNING_RULE);
    for (const [source, at] of sources) checkRunsOn(source, at, deployedTo, configured, problems, clouds, wildcardAllowed ? clouds : undefined);
    checkRuntimeClouds(w.runsOn, [...path, 'runsOn'], problems);
    checkAccess(w, path, raw, problems);
    checkExtraAccess(w.extraAccess, [...path, 'extraAccess'], clouds, problems);
  }
  for (const [name, env] of entries(raw.environments)) {
    if (!isObject(env)) continue;
    checkSuppressions(env.suppress, ['environments', name, 'suppress'], problems);
    if (isObject(env.aws)) checkExistingOidcProviders(env.aws, ['environments', name, 'aws', 'existingOidcProviders'], problems);
    // With no cloud, no workload deployed there could get an identity.
    if (!CLOUDS.some((c) => isObject(env[c]))) problems.add(['environments', name], `configures no cloud, so its workloads would get no identity: add at least one of ${CLOUDS.join(', ')}`);
  }
}

/**
 * Each existing provider's ARN must be the one IAM gives the issuer in this environment's account:
 * `arn:<partition>:iam::<account>:oidc-provider/<issuer without https://>` (IAM identifiers, "IAM
 * ARNs", https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns;
 * the ARN format, https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html). The issuer
 * is compared byte for byte, a trailing `/` included, as the trusts compare it (sources.ts).
 */
function checkExistingOidcProviders(aws: Record<string, unknown>, path: ConfigPath, problems: Problems): void {
  const accountId = aws.accountId;
  for (const [issuer, arn] of entries(aws.existingOidcProviders)) {
    // A key that is no https URL was reported by the schema.
    if (typeof arn !== 'string' || typeof accountId !== 'string' || !issuer.startsWith('https://')) continue;
    const parts = /^arn:[a-z-]+:iam::([^:]*):oidc-provider\/(.*)$/.exec(arn);
    if (!parts) continue; // the schema reported it
    if (parts[1] !== accountId) {
      problems.add([...path, issuer], `the provider is in account ${shown(parts[1])}, not this environment's account ${accountId}`);
    } else if (parts[2] !== issuerKey(issuer)) {
      problems.add(
        [...path, issuer],
        `the ARN names the provider ${shown(parts[2])}, not this issuer's ${shown(issuerKey(issuer))} (its exact URL without https://, a trailing / included)`,
      );
    }
  }
}

/**
 * The environments a value is expanded for: a resource's fields of one cloud, in those that
 * configure the cloud (elsewhere they are never used); a workload's values, in those it is
 * deployed to; any other value, in all.
 */
function expandedIn(raw: Record<string, unknown>, path: ConfigPath, environments: readonly PlaceholderValues[]): readonly PlaceholderValues[] {
  const envs = isObject(raw.environments) ? raw.environments : {};
  const [section, name, cloud] = path;
  if (section === 'resources' && (CLOUDS as readonly unknown[]).includes(cloud)) {
    return environments.filter((e) => isObject(envs[e.env]) && isObject((envs[e.env] as Record<string, unknown>)[cloud as string]));
  }
  const workload = section === 'workloads' && isObject(raw.workloads) && typeof name === 'string' && Object.hasOwn(raw.workloads, name) ? raw.workloads[name] : undefined;
  if (isObject(workload) && Array.isArray(workload.environments)) return environments.filter((e) => (workload.environments as unknown[]).includes(e.env));
  return environments;
}

/**
 * A workload that runs on no cloud (a federated source) gets, by default, an identity only where its
 * grants name something. With no such cloud it would silently get no identity at all: refused, since
 * that is a forgotten grant, a resource without the cloud's fields, or an environment it does not belong in.
 */
function checkIdle(path: ConfigPath, granted: readonly Cloud[], idleIn: readonly string[], problems: Problems): void {
  if (!granted.length) {
    problems.add(
      path,
      'runs on no cloud and grants nothing on any (no access to a resource named on a cloud, no extraAccess), so it would get no identity: add access, or list its clouds explicitly',
    );
  } else if (idleIn.length) {
    problems.add(
      path,
      `its grants name only ${granted.join(', ')}, which ${idleIn.length === 1 ? 'environment' : 'environments'} ${idleIn.map(shownName).join(', ')} ` +
        `${idleIn.length === 1 ? 'does' : 'do'} not configure, so it would get no identity there: configure one of them there, or leave it out of the workload's environments`,
    );
  }
}

/** Reports unknown rule ids and short reasons; returns the rules validly suppressed. */
function checkSuppressions(suppress: unknown, path: ConfigPath, problems: Problems): string[] {
  const valid: string[] = [];
  list(suppress).forEach((s, i) => {
    if (!isObject(s)) return;
    let ok = true;
    if (typeof s.rule === 'string' && !RULE_IDS.has(s.rule)) {
      problems.add([...path, i, 'rule'], `${shown(s.rule)} is not a guardrail rule (known: ${listed([...RULE_IDS])})`);
      ok = false;
    }
    if (s.rule === FEDERATION_OWNER_RULE) {
      problems.add([...path, i, 'rule'], `${FEDERATION_OWNER_RULE} cannot be suppressed: a federated trust always names the owner of its subject`);
      ok = false;
    }
    if (typeof s.reason === 'string' && visibleLength(s.reason) < MIN_SUPPRESSION_REASON) {
      problems.add([...path, i, 'reason'], `${shown(s.reason)} is too short: say why the finding is acceptable in at least ${MIN_SUPPRESSION_REASON} visible characters`);
      ok = false;
    }
    if (ok && typeof s.rule === 'string' && typeof s.reason === 'string') valid.push(s.rule);
  });
  return valid;
}

const isGcpTarget = (on: string): on is GcpTargetName => Object.hasOwn(GCP_TARGETS, on);
const AZURE_ROLE_DEFINITION_ID = /^(?:\/subscriptions\/[0-9a-fA-F-]{36})?\/providers\/Microsoft\.Authorization\/roleDefinitions\/[0-9a-fA-F-]{36}$/;

/** Checks the escape hatch's shape beyond the schema, and that each cloud it names is one of the workload's. */
function checkExtraAccess(extra: unknown, path: ConfigPath, clouds: readonly Cloud[], problems: Problems): void {
  if (!isObject(extra)) return;
  for (const cloud of CLOUDS) {
    if (list(extra[cloud]).length && !clouds.includes(cloud)) {
      problems.add([...path, cloud], `the workload has no ${cloud} identity (its clouds: ${clouds.join(', ') || 'none'}): remove this or add ${cloud} to clouds`);
    }
  }
  list(extra.aws).forEach((st, i) => {
    if (!isObject(st)) return;
    if ((st.Action === undefined) === (st.NotAction === undefined)) problems.add([...path, 'aws', i], 'set exactly one of Action or NotAction');
    if ((st.Resource === undefined) === (st.NotResource === undefined)) problems.add([...path, 'aws', i], 'set exactly one of Resource or NotResource');
    checkAwsStatement(st, [...path, 'aws', i], problems);
  });
  list(extra.gcp).forEach((b, i) => {
    if (!isObject(b) || typeof b.on !== 'string') return;
    if (b.on === 'project' && b.name !== undefined) problems.add([...path, 'gcp', i, 'name'], "a project binding is made on the environment's project: remove name");
    if (b.on !== 'project' && typeof b.name !== 'string') problems.add([...path, 'gcp', i], `name the ${shownName(b.on)} the role is bound on`);
    const shape = isGcpTarget(b.on) ? GCP_TARGETS[b.on].nameShape : undefined;
    if (shape && typeof b.name === 'string' && !shape.pattern.test(b.name)) problems.add([...path, 'gcp', i, 'name'], `${shown(b.name)} is not ${shape.text}`);
  });
  list(extra.azure).forEach((a, i) => {
    if (isObject(a) && typeof a.role === 'string' && a.role.startsWith('/') && !AZURE_ROLE_DEFINITION_ID.test(a.role)) {
      problems.add([...path, 'azure', i, 'role'], `${shown(a.role)} is not a role definition id (/providers/Microsoft.Authorization/roleDefinitions/<guid>) or a role name`);
    }
  });
}

function checkResource(name: string, resource: unknown, environmentsOf: (path: ConfigPath) => readonly PlaceholderValues[], problems: Problems): void {
  if (!isObject(resource) || !isKind(resource.kind)) return;
  const kind = resource.kind;
  for (const cloud of CLOUDS) {
    for (const [field, value] of entries(resource[cloud])) {
      const path = ['resources', name, cloud, field];
      const environments = environmentsOf(path);
      if (typeof value !== 'string') continue;
      const values = environments.length ? environments.map((env) => expandPlaceholders(value, env)) : [value];
      // A value with a bad placeholder (or one its environments lack) is reported once, by checkPlaceholders.
      if (values.some((v) => /[$%]\{|\{/.test(v))) continue;
      const broken = values.map((v) => [v, brokenNameRule(cloud, kind, field, v)] as const).find(([, r]) => r);
      if (broken) problems.add(path, `${shown(broken[0])} is not a valid ${broken[1]}`);
    }
  }
  if (!CLOUDS.some((cloud) => isObject(resource[cloud]))) {
    problems.add(['resources', name], `names the resource on no cloud: add at least one of ${CLOUDS.join(', ')}`);
  }
}

function checkRunsOn(
  runsOn: unknown,
  path: ConfigPath,
  envs: string[],
  configured: (env: string, cloud: Cloud) => boolean,
  problems: Problems,
  /** The clouds the workload has an identity on. */
  clouds: readonly Cloud[],
  /** Set when the workload suppresses the federation pinning rule: its clouds, which must all accept a wildcard. */
  wildcardClouds?: readonly Cloud[],
): void {
  if (!isObject(runsOn)) return;
  const home = homeCloud(runsOn);
  if (home) {
    for (const env of envs) {
      if (!configured(env, home)) problems.add([...path, home], `the workload runs on ${home}, but environment ${shownName(env)} configures no ${home}`);
    }
    return;
  }
  for (const [form, { subjectFields, owner, check, defaultsFromEnvironment: fallback }] of FEDERATED_FORM_ENTRIES) {
    const value = runsOn[form];
    if (!isObject(value)) continue;
    if (fallback && value[fallback.field] === undefined) {
      const without = envs.find((env) => !configured(env, fallback.cloud));
      if (without) problems.add([...path, form], `${fallback.field} is required: it defaults to the environment's ${fallback.setting}, but environment ${shownName(without)} configures no ${fallback.cloud}`);
    }
    for (const field of subjectFields) {
      const v = value[field];
      if (typeof v !== 'string') continue;
      if (!SUBJECT_PART.test(v) || NO_QUOTES.test(v)) {
        problems.add([...path, form, field], `${shown(v)} may not contain spaces, quotes, backslashes or control characters`);
      } else if (WILDCARD.test(v)) {
        if (owner?.field === field && !owner.keptBy(v)) {
          problems.add(
            [...path, form, field],
            `${shown(v)} leaves the owner open: a wildcard subject must still name its owner (e.g. "acme/*"), and no suppression allows this (${FEDERATION_OWNER_RULE}, checkov CKV_AWS_358)`,
          );
          continue;
        }
        if (!wildcardClouds) {
          problems.add(
            [...path, form, field],
            `${shown(v)} is a wildcard: a federated trust must pin the exact subject (or suppress ${FEDERATION_PINNING_RULE} on the workload with a reason)`,
          );
        }
        for (const cloud of wildcardClouds ?? []) {
          if (cloud === 'gcp') {
            problems.add(
              [...path, form, field],
              `${shown(v)} is a wildcard, which this project does not federate into GCP: a GCP principal names one exact subject, ` +
                'and a pattern would need a pool-level condition and principal set shared by every workload: pin the subject, or limit the workload to AWS (clouds: [aws])',
            );
          } else if (cloud === 'azure') {
            problems.add(
              [...path, form, field],
              `${shown(v)} is a wildcard, which Azure federated identity credentials do not accept (they match the subject exactly): ` +
                'pin the subject (one workload per subject), or limit the workload to AWS (clouds: [aws])',
            );
          }
        }
      }
    }
    check?.(value, [...path, form], problems, clouds);
  }
}

function checkAccess(w: Record<string, unknown>, path: (string | number)[], raw: Record<string, unknown>, problems: Problems): void {
  const resources = isObject(raw.resources) ? raw.resources : {};
  const seen = new Map<string, number>();
  list(w.access).forEach((entry, i) => {
    if (!isObject(entry) || typeof entry.resource !== 'string') return;
    const at = [...path, 'access', i];
    // An own key only: `__proto__` or `constructor` must not find Object.prototype's members.
    const resource = Object.hasOwn(resources, entry.resource) ? resources[entry.resource] : undefined;
    if (seen.has(entry.resource)) {
      problems.add([...at, 'resource'], `${shown(entry.resource)} is already listed at access[${seen.get(entry.resource)}]: merge the allow lists`);
    }
    seen.set(entry.resource, i);
    if (!isObject(resource)) {
      const known = Object.keys(resources);
      problems.add([...at, 'resource'], `${shown(entry.resource)} is not a resource (known: ${listed(known)})`);
      return;
    }
    if (!isKind(resource.kind)) return;
    const levels = levelsOf(resource.kind);
    list(entry.allow).forEach((level, j) => {
      if (typeof level === 'string' && !levels.includes(level)) {
        problems.add([...at, 'allow', j], `${shown(level)} is not one of ${levels.join(', ')} (levels of ${resource.kind} ${shownName(String(entry.resource))})`);
      }
    });
    // Only the clouds the schema knows: any other entry is reported at its own path.
    const clouds = Array.isArray(w.clouds) ? CLOUDS.filter((c) => (w.clouds as unknown[]).includes(c)) : [...CLOUDS];
    if (!clouds.some((c) => isObject(resource[c]))) {
      problems.add([...at, 'resource'], `${shown(entry.resource)} is named on none of the workload's clouds (${clouds.join(', ') || 'none'})`);
    }
  });
}

