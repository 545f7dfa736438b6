/**
 * runsOn.azure: a native Azure runtime, which attaches the managed identity itself. The other
 * clouds trust tokens of the environment's tenant for that identity.
 */
import type { AzureEnvironment, EnvironmentSpec } from '../spec/types';
import { enumOf } from '../spec/schema-parts';
import type { RuntimeForm } from './form';
import type { Trust } from './trust';

/** The Azure runtimes, in schema order: each attaches the managed identity, so a trust needs nothing more. */
const AZURE_RUNTIMES = ['functions', 'container-apps', 'app-service'] as const;

/** A token of the environment's tenant for the identity, with the configured audience. */
function tenantToken(env: EnvironmentSpec): Trust {
  const azure = env.azure as AzureEnvironment;
  return {
    kind: 'oidc',
    issuer: azure.tokenIssuer,
    subject: { cloud: 'azure', attribute: 'principalId' },
    audience: azure.tokenAudience,
    coarse: [{ expression: 'assertion.tid', value: azure.tenantId }],
  };
}

export const azureForm: RuntimeForm<'azure', (typeof AZURE_RUNTIMES)[number]> = {
  cloud: 'azure',
  runtimes: AZURE_RUNTIMES,
  schema: enumOf(AZURE_RUNTIMES, 'Azure runtime'),
  gcpProviderPrefixes: [[/^https:\/\/(login\.microsoftonline\.com|sts\.windows\.net)\//, 'entra']],
  trustOn: { aws: tenantToken, gcp: tenantToken },
};
