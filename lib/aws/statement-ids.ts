/**
 * Statement ids of generated grants: `<Levels><Target>Of<Resource>`, e.g.
 * `ReadWriteObjectsOfInvoices`, `ReadBucketOfInvoices`, `ConsumeQueueOfInvoiceJobs`.
 *
 * IAM allows only `[A-Za-z0-9]` in a Sid and requires it unique within a policy
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_sid.html).
 * The encoding is injective, so two statements never share an id, and `parseGrantSid` reads
 * it back (the review names the config resource from it):
 * - level and target words are capitalized words of closed sets, no word a prefix of another
 *   nor of the separator `Of`, so the part before `Of` splits one way only;
 * - the resource name (`[a-z][a-z0-9-]*`) is written with its first letter capitalized, a
 *   hyphen before a letter `a`-`y` as that letter capitalized, `-z` as `Zz`, and a hyphen
 *   before a digit or another hyphen as a lone `Z` (never followed by `z`).
 */
import { AWS_TARGETS, KINDS, targetNames } from '../kinds';
import type { AwsTargetName } from '../kinds';

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const TARGETS = targetNames(AWS_TARGETS);
const LEVEL_WORDS = [...new Set(Object.values(KINDS).flatMap((k) => Object.keys(k.levels)))].map(capitalize);
const SID = new RegExp(`^((?:${LEVEL_WORDS.join('|')})+)(${TARGETS.map(capitalize).join('|')})Of([A-Z][A-Za-z0-9]*)$`);

/** A resource name as Sid characters (see the file comment); injective on `[a-z][a-z0-9-]*`. */
export function encodeResourceName(name: string): string {
  let out = name.charAt(0).toUpperCase();
  for (let i = 1; i < name.length; i++) {
    const c = name[i];
    if (c !== '-') {
      out += c;
      continue;
    }
    const next = name[i + 1] ?? '';
    if (/[a-y]/.test(next)) {
      out += next.toUpperCase();
      i++;
    } else if (next === 'z') {
      out += 'Zz';
      i++;
    } else {
      out += 'Z';
    }
  }
  return out;
}

/** The inverse of `encodeResourceName`, or undefined for a string it never produces. */
export function decodeResourceName(encoded: string): string | undefined {
  if (!/^[A-Z][A-Za-z0-9]*$/.test(encoded)) return undefined;
  let out = encoded.charAt(0).toLowerCase();
  for (let i = 1; i < encoded.length; i++) {
    const c = encoded[i];
    if (c === 'Z') {
      if (encoded[i + 1] === 'z') {
        out += '-z';
        i++;
      } else out += '-';
    } else out += /[A-Y]/.test(c) ? `-${c.toLowerCase()}` : c;
  }
  return encodeResourceName(out) === encoded ? out : undefined;
}

/** The statement id of a resource's levels on one of its ARNs. */
export function grantSid(resource: string, levels: readonly string[], target: AwsTargetName): string {
  return `${levels.map(capitalize).join('')}${capitalize(target)}Of${encodeResourceName(resource)}`;
}

/** What a generated statement id says, or undefined when it is no generated id. */
export function parseGrantSid(sid: string): { resource: string; levels: string[]; target: AwsTargetName } | undefined {
  const m = SID.exec(sid);
  if (!m) return undefined;
  const resource = decodeResourceName(m[3]);
  if (resource === undefined) return undefined;
  const levels = m[1].match(new RegExp(LEVEL_WORDS.join('|'), 'g'))?.map((w) => w.toLowerCase()) ?? [];
  return { resource, levels, target: m[2].toLowerCase() as AwsTargetName };
}
