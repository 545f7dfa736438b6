import { example, synthStacks } from './helpers/synth';
import { resourcesByAddress } from '../lib/terraform/stack-json';

describe('the embedded example', () => {
  const stacks = synthStacks(example('identity.yaml'));

  it('makes one stack per environment, named <app>-<env>', () => {
    expect(Object.keys(stacks)).toEqual(['payments-dev', 'payments-prod']);
  });
});

describe.each(['identity.yaml', 'aws-only.yaml'])('example %s', (name) => {
  it('pins the resource addresses of every stack', () => {
    const stacks = synthStacks(example(name));
    const addresses = Object.fromEntries(Object.entries(stacks).map(([stack, s]) => [stack, [...resourcesByAddress(s).keys()].sort()]));
    expect(addresses).toMatchSnapshot();
  });
});
