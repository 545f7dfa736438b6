/**
 * runsOn.aws: a native AWS runtime. The runtimes table says what each runtime's role trust needs;
 * the other clouds trust the role itself (GCP through an `aws` pool provider, Azure through the
 * account's outbound identity federation).
 */
import type { AwsEnvironment } from '../spec/types';
import { enumOf } from '../spec/schema-parts';
import { AZURE_TOKEN_EXCHANGE_AUDIENCE } from './audiences';
import type { RuntimeForm } from './form';

/** What an AWS role's trust policy needs to let a runtime assume it. */
export interface AwsRuntimeTrust {
  /** The service principal that assumes the role. */
  readonly servicePrincipal: string;
  /** The service assumes roles on behalf of one account only: the trust pins `aws:SourceAccount` (confused-deputy guard). */
  readonly sourceAccountChecked: boolean;
  /** The runtime takes the role through an instance profile. */
  readonly instanceProfile: boolean;
}

/** The AWS runtimes, in schema order, each with what its role's trust needs. */
export const AWS_RUNTIMES = {
  lambda: { servicePrincipal: 'lambda.amazonaws.com', sourceAccountChecked: true, instanceProfile: false },
  'ecs-task': { servicePrincipal: 'ecs-tasks.amazonaws.com', sourceAccountChecked: true, instanceProfile: false },
  ec2: { servicePrincipal: 'ec2.amazonaws.com', sourceAccountChecked: false, instanceProfile: true },
} satisfies Readonly<Record<string, AwsRuntimeTrust>>;

/** An AWS runtime. */
export type AwsRuntime = keyof typeof AWS_RUNTIMES;

/** What the role trust of `runtime` needs; throws for a runtime the schema does not know. */
export function awsRuntime(runtime: string): AwsRuntimeTrust {
  if (!Object.hasOwn(AWS_RUNTIMES, runtime)) throw new Error(`${runtime} is not an AWS runtime (lib/sources/aws.ts)`);
  return AWS_RUNTIMES[runtime as AwsRuntime];
}

/** Name of the stack variable that carries an AWS account's outbound issuer when the config omits it. */
export const AWS_OUTBOUND_ISSUER_VARIABLE = 'aws_outbound_issuer';

const runtimes = Object.keys(AWS_RUNTIMES) as AwsRuntime[];

export const awsForm: RuntimeForm<'aws', AwsRuntime> = {
  cloud: 'aws',
  runtimes,
  schema: enumOf(runtimes, 'AWS runtime'),
  trustOn: {
    gcp: (env) => ({ kind: 'aws-role', accountId: (env.aws as AwsEnvironment).accountId }),
    azure(env) {
      const issuer = env.aws?.outboundIssuer;
      return {
        kind: 'oidc',
        issuer: issuer ?? '',
        ...(issuer ? {} : { issuerVariable: AWS_OUTBOUND_ISSUER_VARIABLE }),
        subject: { cloud: 'aws', attribute: 'roleArn' },
        audience: AZURE_TOKEN_EXCHANGE_AUDIENCE,
      };
    },
  },
};
