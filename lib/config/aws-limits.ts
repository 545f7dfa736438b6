/**
 * AWS limits that only the normalized spec shows, refused at load with the config path:
 * a role's permission statements beyond what IAM lets one role hold, statement ids that
 * repeat, and more metric filters on one log group than CloudWatch Logs allows.
 */
import { planOidcProviders } from '../aws/oidc-providers';
import { awsRoleStatements } from '../aws/role-statements';
import { packRolePolicies } from '../aws/role-policies';
import { FEDERATED_FORMS } from '../sources/forms';
import type { FederatedFormName } from '../sources/forms';
import { sourcePath, trustsFor } from '../sources/source-list';
import type { ConfigPath, ConfigProblem } from '../spec/config-error';
import { listed, shown } from '../spec/echo';
import { METRIC_FILTERS_PER_ENVIRONMENT, METRIC_FILTERS_PER_LOG_GROUP, OIDC_CLIENT_IDS, OIDC_URL_LENGTH, TRAILS_PER_REGION } from '../aws/quotas';
import type { EnvironmentSpec, Source, Spec, WorkloadSpec } from '../spec/types';


/** Problems with AWS limits of the synthesized resources. */
export function checkAwsLimits(spec: Spec): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const reported = new Set<string>();
  const report = (p: ConfigProblem) => {
    const key = `${p.path.join('\u0000')} ${p.message}`;
    if (!reported.has(key)) problems.push(p);
    reported.add(key);
  };
  const sharedGroups = new Map<string, string[]>();
  const trailsByAccount = new Map<string, string[]>();
  for (const env of spec.environments) {
    const aws = env.aws;
    if (!aws) continue;
    if (env.monitoring.aws.logGroup) {
      const key = `${aws.accountId}/${aws.region}/${env.monitoring.aws.logGroup}`;
      sharedGroups.set(key, [...(sharedGroups.get(key) ?? []), env.name]);
    } else {
      trailsByAccount.set(aws.accountId, [...(trailsByAccount.get(aws.accountId) ?? []), env.name]);
    }
    for (const w of env.workloads) {
      if (!w.clouds.includes('aws')) continue;
      for (const { trust, source, index } of trustsFor(w, 'aws', env)) {
        if (trust.kind === 'oidc' && trust.issuer.length > OIDC_URL_LENGTH) {
          report({ path: issuerPath(w, source, index, env), message: `the issuer it makes, ${shown(trust.issuer)}, is longer than the ${OIDC_URL_LENGTH} characters an IAM OIDC provider URL holds` });
        }
      }
      const statements = awsRoleStatements(w, aws);
      // IAM: a Sid must be unique within a policy (reference_policies_elements_sid.html); generated ids are
      // injective (lib/aws/statement-ids.ts), so a repeat involves an extraAccess statement.
      const firstAt = new Map<string, number>();
      statements.forEach((s, i) => {
        if (s.Sid === undefined) return;
        const first = firstAt.get(s.Sid);
        if (first === undefined) return void firstAt.set(s.Sid, i);
        const generated = statements.length - w.extraAccess.aws.length;
        const own = i - generated;
        report({
          path: ['workloads', w.name, 'extraAccess', 'aws', own, 'Sid'],
          message:
            `statement id ${shown(s.Sid)} is already used by ` +
            (first < generated ? 'a statement generated from access' : `extraAccess.aws[${first - generated}]`) +
            ': IAM requires statement ids unique within the role’s policy; choose another',
        });
      });
      const placed = packRolePolicies(statements);
      if ('overflow' in placed) {
        report({ path: ['workloads', w.name, 'access'], message: `its AWS role in environment ${env.name} cannot hold its permissions: ${placed.overflow}` });
      }
    }
  }
  for (const [key, envs] of sharedGroups) {
    const filters = envs.length * METRIC_FILTERS_PER_ENVIRONMENT;
    if (filters <= METRIC_FILTERS_PER_LOG_GROUP) continue;
    report({
      path: ['environments', envs[0], 'monitoring', 'aws', 'logGroup'],
      message: `${envs.length} environments (${listed(envs)}) put ${filters} metric filters on log group ${shown(key)}; CloudWatch Logs allows ${METRIC_FILTERS_PER_LOG_GROUP} per group`,
    });
  }
  for (const [account, envs] of trailsByAccount) {
    if (envs.length <= TRAILS_PER_REGION) continue;
    report({
      path: ['environments', envs[TRAILS_PER_REGION], 'monitoring', 'aws'],
      message:
        `${envs.length} environments (${listed(envs)}) each make a multi-region CloudTrail trail in account ${account}; CloudTrail allows ` +
        `${TRAILS_PER_REGION} per region: set monitoring.aws.logGroup to an existing trail's log group in some of them`,
    });
  }
  for (const plan of planOidcProviders(spec).values()) {
    if (plan.audiences.length <= OIDC_CLIENT_IDS) continue;
    report({
      path: ['environments', plan.owner, 'aws'],
      message: `the IAM OIDC provider of ${shown(plan.issuer)} in account ${plan.accountId} would list ${plan.audiences.length} audiences; IAM allows ${OIDC_CLIENT_IDS} client ids per provider: share audiences between workloads`,
    });
  }
  return problems;
}

/** The config field an AWS trust's issuer comes from: the workload's runsOn, or an Azure-hosted workload's environment. */
function issuerPath(w: WorkloadSpec, source: Source, index: number, env: EnvironmentSpec): ConfigPath {
  const at = sourcePath(w, index);
  if (source.type === 'runtime') return ['environments', env.name, 'azure', 'tokenIssuer'];
  const { issuerField } = FEDERATED_FORMS[source.provider as FederatedFormName];
  return issuerField ? [...at, source.provider, issuerField] : [...at, source.provider];
}
