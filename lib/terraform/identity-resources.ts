/**
 * The resource that is a workload's identity on each cloud, and how to read one: its name and
 * the tags it carries. Every reader that asks "which resource is the identity" asks this table.
 */
import type { Cloud } from '../access/vocabulary';
import { parseDescriptionLabels } from './description-labels';
import type { ResourceJson } from './stack-json';

/** How one cloud's identity appears in Terraform JSON. */
export interface IdentityResource {
  /** The Terraform resource type. */
  readonly type: string;
  /** The field holding the identity's name: role name, service account id, managed identity name. */
  readonly nameField: string;
  /** The tags an identity carries (a service account takes none: the labels its description ends with). */
  readonly tagsOf: (config: ResourceJson) => Readonly<Record<string, unknown>>;
}

const tags = (config: ResourceJson) => (config.tags as Readonly<Record<string, unknown>> | undefined) ?? {};

export const IDENTITY_RESOURCES: Readonly<Record<Cloud, IdentityResource>> = {
  aws: { type: 'aws_iam_role', nameField: 'name', tagsOf: tags },
  gcp: { type: 'google_service_account', nameField: 'account_id', tagsOf: (config) => parseDescriptionLabels(config.description) ?? {} },
  azure: { type: 'azurerm_user_assigned_identity', nameField: 'name', tagsOf: tags },
};
