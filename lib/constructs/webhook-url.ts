/**
 * A webhook URL of the config, as every cloud's alert target takes it: through a sensitive
 * Terraform variable (plans and CI logs show "(sensitive value)"), under an address and a
 * receiver name made of a hash. The URL's path and query often carry a token, so it never goes
 * into a name, a display name or an address.
 */
import { TerraformVariable } from 'cdktf';
import type { Construct } from 'constructs';
import { stableHash } from '../spec/names';
import type { Cloud } from '../access/vocabulary';

/** Name slug of a webhook: `webhook_` and a hash of its URL. */
export function webhookSlug(url: string): string {
  return `webhook_${stableHash([url], 10)}`;
}

/** The URL as a reference to its sensitive variable (`<cloud>_<slug>_url`). */
export function webhookUrl(scope: Construct, cloud: Cloud, prefix: string, url: string, index: number): string {
  const slug = webhookSlug(url);
  const variable = new TerraformVariable(scope, `${slug}-url`, {
    type: 'string',
    sensitive: true,
    default: url,
    description: `URL of webhook ${index + 1} of ${prefix}'s identity alerts (from the config)`,
  });
  variable.overrideLogicalId(`${cloud}_${slug}_url`);
  return variable.stringValue;
}
