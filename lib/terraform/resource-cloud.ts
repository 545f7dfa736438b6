/** The cloud a Terraform resource type belongs to, by its provider's prefix (`aws_`, `google_`, `azurerm_`, `azuread_`). */
import type { Cloud } from '../access/vocabulary';

const PROVIDER_CLOUDS: readonly [prefix: string, cloud: Cloud][] = [
  ['aws_', 'aws'],
  ['google_', 'gcp'],
  ['azurerm_', 'azure'],
  ['azuread_', 'azure'],
];

/** The cloud of a resource type, or undefined for another provider's (`time_sleep`). */
export function cloudOfResourceType(type: string): Cloud | undefined {
  return PROVIDER_CLOUDS.find(([prefix]) => type.startsWith(prefix))?.[1];
}
