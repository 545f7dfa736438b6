/**
 * runsOn.gcp: a native Google Cloud runtime, which attaches the service account itself. The
 * other clouds trust Google-signed ID tokens of that service account.
 */
import { enumOf } from '../spec/schema-parts';
import { AWS_STS_AUDIENCE, AZURE_TOKEN_EXCHANGE_AUDIENCE } from './audiences';
import type { RuntimeForm } from './form';
import type { Trust } from './trust';

/** Google's issuer of service account ID tokens. */
export const GOOGLE_ISSUER = 'https://accounts.google.com';

/** The Google Cloud runtimes, in schema order: each attaches the service account, so a trust needs nothing more. */
const GCP_RUNTIMES = ['cloud-run', 'cloud-functions', 'compute'] as const;

/** A Google-signed ID token of the workload's service account, for `audience`. */
const googleToken = (audience: string): Trust => ({ kind: 'oidc', issuer: GOOGLE_ISSUER, subject: { cloud: 'gcp', attribute: 'uniqueId' }, audience });

export const gcpForm: RuntimeForm<'gcp', (typeof GCP_RUNTIMES)[number]> = {
  cloud: 'gcp',
  runtimes: GCP_RUNTIMES,
  schema: enumOf(GCP_RUNTIMES, 'Google Cloud runtime'),
  trustOn: { aws: () => googleToken(AWS_STS_AUDIENCE), azure: () => googleToken(AZURE_TOKEN_EXCHANGE_AUDIENCE) },
};
