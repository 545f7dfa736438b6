/** runsOn.oidc: any other OIDC issuer, with the exact subject and audience its tokens carry. */
import { HTTPS_URL, obj, str } from '../spec/schema-parts';
import { expandPlaceholders } from '../spec/placeholders';
import type { FederatedForm } from './form';
import { dropsOwner } from './owner-pattern';

export interface RawOidc {
  readonly issuer: string;
  readonly subject: string;
  readonly audience: string;
}

export const oidcForm: FederatedForm<RawOidc> = {
  schema: obj(
    {
      issuer: str('issuer URL', { pattern: HTTPS_URL }),
      subject: str('the exact sub claim'),
      audience: str('the aud claim the workload requests'),
    },
    ['issuer', 'subject', 'audience'],
  ),
  subjectFields: ['subject'],
  owner: { field: 'subject', keptBy: (value) => !dropsOwner(value, false) },
  audienceField: 'audience',
  issuerField: 'issuer',
  claims(o, env) {
    const e = (s: string) => expandPlaceholders(s, env);
    const audience = e(o.audience);
    return { issuer: e(o.issuer), subject: e(o.subject), audience: { aws: audience, gcp: audience, azure: audience } };
  },
};
