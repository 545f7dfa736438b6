/** Every permission statement of a workload's role, in policy order: its grants, the token mint for Azure, its extraAccess. */
import { AZURE_TOKEN_EXCHANGE_AUDIENCE } from '../sources/audiences';
import { homeCloudOf } from '../sources/source-list';
import type { AwsEnvironment, WorkloadSpec } from '../spec/types';
import { awsGrantStatements } from './grants';
import type { PolicyStatement } from './policy-document';

/** Sid of the statement that lets an AWS-hosted workload mint tokens for Azure. */
export const MINT_TOKEN_SID = 'MintTokenForAzure';

/** The statements of the workload's role; pure, so the loader can measure them before synth. */
export function awsRoleStatements(w: WorkloadSpec, aws: AwsEnvironment): PolicyStatement[] {
  const statements: PolicyStatement[] = awsGrantStatements(w.grants, aws);
  if (homeCloudOf(w) === 'aws' && w.clouds.includes('azure')) {
    // AWS outbound identity federation: the role mints JWTs for Azure, for that audience only.
    statements.push({
      Sid: MINT_TOKEN_SID,
      Effect: 'Allow',
      Action: 'sts:GetWebIdentityToken',
      Resource: '*',
      Condition: { 'ForAllValues:StringEquals': { 'sts:IdentityTokenAudience': [AZURE_TOKEN_EXCHANGE_AUDIENCE] } },
    });
  }
  // extraAccess statements have the shape of a policy statement (the schema checked it).
  statements.push(...(w.extraAccess.aws as unknown as PolicyStatement[]));
  return statements;
}
