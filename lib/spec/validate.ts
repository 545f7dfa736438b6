/**
 * Checks the schema cannot express: references between sections, levels per resource kind,
 * clouds configured per environment, pinned subjects, and each cloud's naming rules. Runs on
 * the raw config even when the schema failed, so every problem is reported at once; it skips
 * what is not of the right shape (the schema already reported it).
 */
import { CLOUDS, KINDS, levelsOf } from '../access/vocabulary';
import type { Cloud, ResourceKind } from '../access/vocabulary';
import { SUBJECT_FIELDS, homeCloud, sourceOf } from '../federation/sources';
import { Problems } from './config-error';
import { checkFreeText } from './free-text';
import { brokenNameRule } from './name-rules';
import { checkPlaceholders, expandEnv } from './placeholders';
import { RUNS_ON_REQUIRED } from './schema';
import { validateMonitoring } from './validate-monitoring';
import type { RawRunsOn, RawWorkload } from './raw-config';
import { checkRenames } from './renames';

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const entries = (v: unknown): [string, unknown][] => (isObject(v) ? Object.entries(v) : []);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const isKind = (v: unknown): v is ResourceKind => typeof v === 'string' && Object.hasOwn(KINDS, v);
const WILDCARD = /[*?]/;
const GCP_MAX_SUBJECT_BYTES = 127;
/** What a subject part may hold: it lands in JWT claims, IAM conditions and CEL strings. */
const SUBJECT_PART = /^[\x21-\x7e]+$/;
const NO_QUOTES = /["'`\\]/;

/** Appends every semantic problem of a raw config to `problems`. */
export function validateSemantics(raw: unknown, problems: Problems): void {
  if (!isObject(raw)) return;
  checkPlaceholders(raw, problems);
  checkFreeText(raw, problems);
  checkRenames(raw, problems);
  const envNames = entries(raw.environments).map(([name]) => name);
  const configured = (env: string, cloud: Cloud) => isObject((raw.environments as Record<string, Record<string, unknown>>)[env]?.[cloud]);

  for (const [name, resource] of entries(raw.resources)) checkResource(name, resource, envNames, problems);
  validateMonitoring(raw, problems);

  for (const [name, workload] of entries(raw.workloads)) {
    if (!isObject(workload)) continue;
    const w = workload as Partial<RawWorkload> & Record<string, unknown>;
    const path = ['workloads', name];
    const envs = Array.isArray(w.environments) ? (w.environments as unknown[]).filter((e): e is string => typeof e === 'string') : envNames;
    list(w.environments).forEach((env, i) => {
      if (typeof env === 'string' && !envNames.includes(env)) problems.add([...path, 'environments', i], `"${env}" is not an environment (known: ${envNames.join(', ')})`);
    });
    const deployedTo = envs.filter((e) => envNames.includes(e));

    list(w.clouds).forEach((cloud, i) => {
      if (typeof cloud !== 'string' || !(CLOUDS as readonly string[]).includes(cloud)) return;
      for (const env of deployedTo) {
        if (!configured(env, cloud as Cloud)) problems.add([...path, 'clouds', i], `${cloud} is not configured in environment ${env}`);
      }
    });
    checkRunsOn(w.runsOn, [...path, 'runsOn'], deployedTo, configured, problems);
    const toGcp = deployedTo.filter((env) => (Array.isArray(w.clouds) ? (w.clouds as unknown[]).includes('gcp') : configured(env, 'gcp')));
    checkGcpSubjectLength(w.runsOn, [...path, 'runsOn'], toGcp, problems);
    checkAccess(w, path, raw, problems);
  }
}

function checkResource(name: string, resource: unknown, envNames: string[], problems: Problems): void {
  if (!isObject(resource) || !isKind(resource.kind)) return;
  const kind = resource.kind;
  for (const cloud of CLOUDS) {
    for (const [field, value] of entries(resource[cloud])) {
      // A value with a bad placeholder is reported once, by checkPlaceholders.
      if (typeof value !== 'string' || /[$%]\{|\{(?!env\})/.test(value)) continue;
      const values = value.includes('{env}') ? envNames.map((env) => expandEnv(value, env)) : [value];
      const broken = values.map((v) => [v, brokenNameRule(cloud, kind, field, v)] as const).find(([, r]) => r);
      if (broken) problems.add(['resources', name, cloud, field], `${JSON.stringify(broken[0])} is not a valid ${broken[1]}`);
    }
  }
  if (!CLOUDS.some((cloud) => isObject(resource[cloud]))) {
    problems.add(['resources', name], `names the resource on no cloud: add at least one of ${CLOUDS.join(', ')}`);
  }
}

function checkRunsOn(
  runsOn: unknown,
  path: (string | number)[],
  envs: string[],
  configured: (env: string, cloud: Cloud) => boolean,
  problems: Problems,
): void {
  if (!isObject(runsOn)) return;
  const home = homeCloud(runsOn);
  if (home) {
    for (const env of envs) {
      if (!configured(env, home)) problems.add([...path, home], `the workload runs on ${home}, but environment ${env} configures no ${home}`);
    }
    return;
  }
  for (const [form, fields] of Object.entries(SUBJECT_FIELDS)) {
    const value = runsOn[form];
    if (!isObject(value)) continue;
    for (const field of fields) {
      const v = value[field];
      if (typeof v !== 'string') continue;
      if (WILDCARD.test(v)) {
        problems.add([...path, form, field], `${JSON.stringify(v)} is a wildcard: a federated trust must pin the exact subject`);
      } else if (!SUBJECT_PART.test(v) || NO_QUOTES.test(v)) {
        problems.add([...path, form, field], `${JSON.stringify(v)} may not contain spaces, quotes, backslashes or control characters`);
      }
    }
    if (form === 'github' && (value.environment === undefined) === (value.ref === undefined)) {
      problems.add([...path, form], 'set exactly one of environment or ref: the subject must name one');
    }
    if (form === 'github' && typeof value.repository === 'string' && !/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(value.repository) && !WILDCARD.test(value.repository)) {
      problems.add([...path, form, 'repository'], `"${value.repository}" is not OWNER/REPO`);
    }
  }
}

/** Google Cloud maps the subject to `google.subject`, which holds at most 127 bytes. */
function checkGcpSubjectLength(runsOn: unknown, path: (string | number)[], envs: string[], problems: Problems): void {
  if (!isObject(runsOn) || homeCloud(runsOn) || Object.keys(runsOn).length !== 1) return;
  const [form] = Object.keys(runsOn);
  const fields = runsOn[form];
  const required = RUNS_ON_REQUIRED[form];
  if (!isObject(fields) || !required || !required.every((f) => typeof fields[f] === 'string')) return;
  if (form === 'github' && (typeof fields.environment === 'string') === (typeof fields.ref === 'string')) return;
  for (const env of envs) {
    const subject = sourceOf(runsOn as RawRunsOn, env);
    if (subject.type !== 'oidc') return;
    const bytes = Buffer.byteLength(subject.subject);
    if (bytes > GCP_MAX_SUBJECT_BYTES) {
      problems.add([...path, form], `the subject "${subject.subject}" is ${bytes} bytes; Google Cloud federation accepts at most ${GCP_MAX_SUBJECT_BYTES} (shorten it, or leave gcp out of clouds)`);
      return;
    }
  }
}

function checkAccess(w: Record<string, unknown>, path: (string | number)[], raw: Record<string, unknown>, problems: Problems): void {
  const resources = isObject(raw.resources) ? raw.resources : {};
  const seen = new Map<string, number>();
  list(w.access).forEach((entry, i) => {
    if (!isObject(entry) || typeof entry.resource !== 'string') return;
    const at = [...path, 'access', i];
    const resource = resources[entry.resource];
    if (seen.has(entry.resource)) {
      problems.add([...at, 'resource'], `"${entry.resource}" is already listed at access[${seen.get(entry.resource)}]: merge the allow lists`);
    }
    seen.set(entry.resource, i);
    if (!isObject(resource)) {
      const known = Object.keys(resources);
      problems.add([...at, 'resource'], `"${entry.resource}" is not a resource (known: ${known.length ? known.join(', ') : 'none'})`);
      return;
    }
    if (!isKind(resource.kind)) return;
    const levels = levelsOf(resource.kind);
    list(entry.allow).forEach((level, j) => {
      if (typeof level === 'string' && !levels.includes(level)) {
        problems.add([...at, 'allow', j], `${JSON.stringify(level)} is not one of ${levels.join(', ')} (levels of ${resource.kind} ${entry.resource})`);
      }
    });
    const clouds = Array.isArray(w.clouds) ? (w.clouds as Cloud[]) : [...CLOUDS];
    if (!clouds.some((c) => isObject(resource[c]))) {
      problems.add([...at, 'resource'], `"${entry.resource}" is named on none of the workload's clouds (${clouds.join(', ')})`);
    }
  });
}

