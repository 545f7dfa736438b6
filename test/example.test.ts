import { example, resources, synthStacks } from './helpers/synth';

describe('the embedded example', () => {
  const stacks = synthStacks(example('identity.yaml'));

  it('makes one stack per environment, named <app>-<env>', () => {
    expect(Object.keys(stacks)).toEqual(['payments-dev', 'payments-prod']);
  });

  it('pins the resource addresses of every stack', () => {
    const addresses = Object.fromEntries(Object.entries(stacks).map(([name, s]) => [name, [...resources(s).keys()].sort()]));
    expect(addresses).toMatchSnapshot();
  });
});
