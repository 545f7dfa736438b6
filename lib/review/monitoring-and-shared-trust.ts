/**
 * What the access model does not show but a reviewer must see: audit configuration and alerts
 * (a removed CloudTrail trail, GCP audit config or Azure diagnostic setting leaves identities
 * unwatched) and the trust that workloads share (an IAM OIDC provider, a workload identity pool
 * or pool provider: removing one breaks every workload federating through it). Each removal is
 * reported, moved blocks followed. Changes are not: adding a workload rewrites alert queries and
 * pool conditions, and what that admits is already shown per identity by the access model.
 */
import type { Cloud } from '../access/vocabulary';
import { formatAddress, parseAddress } from '../terraform/address';
import { movedDestination } from '../terraform/moved-block';
import { resourceAt, resourcesOf } from '../terraform/stack-json';
import type { SynthesizedStacks } from './synthesized-stacks';

/** Which of these a resource type is. */
export type WatchedKind = 'audit' | 'alert' | 'shared-trust';

/** The resource types the review watches, with their cloud and what they are in words. */
export const WATCHED_TYPES: Readonly<Record<string, { readonly kind: WatchedKind; readonly cloud: Cloud; readonly what: string }>> = {
  aws_cloudtrail: { kind: 'audit', cloud: 'aws', what: 'CloudTrail trail' },
  google_project_iam_audit_config: { kind: 'audit', cloud: 'gcp', what: 'audit log config' },
  azurerm_monitor_diagnostic_setting: { kind: 'audit', cloud: 'azure', what: 'diagnostic setting' },
  aws_cloudwatch_metric_alarm: { kind: 'alert', cloud: 'aws', what: 'CloudWatch alarm' },
  google_monitoring_alert_policy: { kind: 'alert', cloud: 'gcp', what: 'alert policy' },
  azurerm_monitor_scheduled_query_rules_alert_v2: { kind: 'alert', cloud: 'azure', what: 'log alert rule' },
  aws_iam_openid_connect_provider: { kind: 'shared-trust', cloud: 'aws', what: 'IAM OIDC provider' },
  google_iam_workload_identity_pool: { kind: 'shared-trust', cloud: 'gcp', what: 'workload identity pool' },
  google_iam_workload_identity_pool_provider: { kind: 'shared-trust', cloud: 'gcp', what: 'workload identity pool provider' },
};

/** One watched resource the head removes. */
export interface WatchedChange {
  readonly stack: string;
  readonly kind: WatchedKind;
  readonly cloud: Cloud;
  /** The base address. */
  readonly address: string;
  readonly what: string;
}

/** Every watched resource of the base that the head removes, per stack. */
export function removedWatched(base: SynthesizedStacks, head: SynthesizedStacks): WatchedChange[] {
  const out: WatchedChange[] = [];
  for (const [stack, before] of Object.entries(base)) {
    const after = head[stack] ?? {};
    for (const [type, watched] of Object.entries(WATCHED_TYPES)) {
      for (const [name] of resourcesOf(before, type)) {
        const address = formatAddress({ type, name });
        const to = parseAddress(movedDestination(address, after));
        if (!to || !resourceAt(after, to.type, to.name)) out.push({ stack, ...watched, address });
      }
    }
  }
  return out;
}
