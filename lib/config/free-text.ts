/**
 * Free text that lands in cloud attributes with narrow character sets. Names, owners and
 * cloud fields have schema patterns or name rules; these fields have none, so they are
 * checked here: rejected with their path rather than failing at apply time.
 */
import { rawSources } from './check-source-lists';
import { FEDERATED_FORM_ENTRIES } from '../sources/forms';
import { Problems } from '../spec/config-error';
import { shown } from '../spec/echo';

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * A description: printable ASCII, tab and newline. AWS IAM role descriptions refuse most
 * characters beyond Latin-1, and GCP service account descriptions count UTF-8 bytes.
 */
const DESCRIPTION = /^[\t\n\x20-\x7e]*$/;
/** Longest description: AWS IAM role descriptions hold 1000 characters, with our suffix. */
export const MAX_DESCRIPTION = 900;
/** An audience: it is compared as a literal string in IAM conditions and audience lists. */
const AUDIENCE = /^[\x21-\x7e]+$/;
const QUOTES = /["'`\\*?]/;
/**
 * Longest part of a federated subject: GCP maps the whole subject to google.subject, which
 * holds at most 127 bytes.
 */
export const MAX_SUBJECT_PART = 127;

/** Reports descriptions and audiences a cloud would refuse, or that could break out of a literal. */
export function checkFreeText(raw: Record<string, unknown>, problems: Problems): void {
  for (const [name, w] of isObject(raw.workloads) ? Object.entries(raw.workloads) : []) {
    if (!isObject(w)) continue;
    const at = ['workloads', name];
    if (typeof w.description === 'string') {
      if (!DESCRIPTION.test(w.description)) {
        problems.add([...at, 'description'], 'may hold only printable ASCII characters, tabs and newlines (cloud description fields refuse the rest)');
      } else if (w.description.length > MAX_DESCRIPTION) {
        problems.add([...at, 'description'], `is ${w.description.length} characters long; the limit is ${MAX_DESCRIPTION}`);
      }
    }
    for (const [runsOn, runsOnAt] of rawSources(w.runsOn, [...at, 'runsOn'])) {
      for (const [form, { subjectFields, audienceField }] of FEDERATED_FORM_ENTRIES) {
        const source = isObject(runsOn) && isObject(runsOn[form]) ? (runsOn[form] as Record<string, unknown>) : {};
        for (const field of subjectFields) {
          const v = source[field];
          if (typeof v === 'string' && v.length > MAX_SUBJECT_PART) problems.add([...runsOnAt, form, field], `is ${v.length} characters long; the limit is ${MAX_SUBJECT_PART}`);
        }
        const audience = audienceField && source[audienceField];
        if (typeof audience === 'string') checkAudience(audience, [...runsOnAt, form, audienceField as string], problems);
      }
    }
  }
  for (const [name, env] of isObject(raw.environments) ? Object.entries(raw.environments) : []) {
    const azure = isObject(env) && isObject(env.azure) ? env.azure : undefined;
    if (typeof azure?.tokenAudience === 'string') checkAudience(azure.tokenAudience, ['environments', name, 'azure', 'tokenAudience'], problems);
  }
}

function checkAudience(value: string, path: (string | number)[], problems: Problems): void {
  if (!AUDIENCE.test(value) || QUOTES.test(value) || value.length > 255) {
    problems.add(path, `${shown(value)} must be 1-255 printable ASCII characters without spaces, quotes, backslashes or wildcards`);
  }
}
