import { parseSpec } from '../../lib/config/load';
import { deployOrder } from '../../stacks/deploy-order';
import { example } from '../helpers/synth';

describe('the CI deploy order', () => {
  it('deploys Terraform Cloud stacks in config order, production last, and leaves local-backend stacks to people', () => {
    expect(deployOrder(parseSpec(example('terraform-cloud.yaml')))).toEqual({ staged: ['shop-staging'], production: ['shop-production'], local: [] });
    expect(deployOrder(parseSpec(example('identity.yaml')))).toEqual({ staged: [], production: ['payments-prod'], local: ['payments-dev'] });
  });

  it('takes the production environments from the caller when names do not tell', () => {
    expect(deployOrder(parseSpec(example('terraform-cloud.yaml')), ['staging'])).toEqual({ staged: ['shop-production'], production: ['shop-staging'], local: [] });
  });
});
