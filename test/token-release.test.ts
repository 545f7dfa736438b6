import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DefaultTokenResolver, Lazy, StringConcat, TerraformStack, Testing, Token, Tokenization } from 'cdktf';
import { stringify } from 'yaml';
import { generateRawConfig } from '../bench/generate';
import { parseSpec } from '../lib/config/load';
import { markTokens, registeredTokenCount } from '../lib/token-release';
import { buildApp } from '../stacks/app';
import { synthesize } from '../stacks/synth';

const scope = new TerraformStack(Testing.app(), 'resolver');
const resolves = (value: unknown) => Tokenization.resolve(value, { scope, resolver: new DefaultTokenResolver(new StringConcat()) }) as unknown;

describe('markTokens', () => {
  it('forgets the tokens made after the mark and keeps the ones made before', () => {
    const before = Token.asString(Lazy.stringValue({ produce: () => 'kept' }));
    const mark = registeredTokenCount();
    const forget = markTokens();
    const after = Token.asString(Lazy.stringValue({ produce: () => 'forgotten' }));
    const afterNumber = Token.asNumber(Lazy.numberValue({ produce: () => 7 }));
    expect(registeredTokenCount()).toBe(mark + 2);
    expect([resolves(after), resolves(afterNumber)]).toEqual(['forgotten', 7]);

    forget();

    expect(registeredTokenCount()).toBe(mark);
    expect(resolves(before)).toBe('kept');
    expect(() => resolves(after)).toThrow(/Unrecognized Token Key/);
    expect(() => resolves(afterNumber)).toThrow(/Unrecognized token key|number token/i);
  });
});

describe('synthesize, one environment at a time', () => {
  // Three environments, one of them sharded (its stacks refer to each other through tokens).
  const raw = generateRawConfig({ workloads: 8, environments: 3, seed: 5 });
  const spec = parseSpec(stringify({ ...raw, environments: { ...raw.environments, staging: { ...raw.environments.staging, shards: 2 } } }), 'test.yaml');
  const outdirs: string[] = [];
  const outdir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wi-tokens-'));
    outdirs.push(dir);
    return dir;
  };
  afterAll(() => outdirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  it('collects garbage between environments where the process allows it (--expose-gc)', () => {
    const global = globalThis as { gc?: () => void };
    const exposed = global.gc;
    const gc = jest.fn();
    global.gc = gc;
    try {
      synthesize(spec, { outdir: outdir() });
    } finally {
      global.gc = exposed;
    }
    expect(gc).toHaveBeenCalledTimes(spec.environments.length - 1);
  });

  it('keeps no token of any environment, and writes what one app of every environment writes', () => {
    const before = registeredTokenCount();
    const separate = outdir();
    expect(synthesize(spec, { outdir: separate }).failed).toBe(false);
    expect(registeredTokenCount()).toBe(before);

    const together = outdir();
    const { app, stacks } = buildApp(spec, { outdir: together });
    app.synth();
    expect(stacks.map((s) => s.node.id)).toHaveLength(5);
    for (const { node } of stacks) {
      const file = (dir: string) => fs.readFileSync(path.join(dir, 'stacks', node.id, 'cdk.tf.json'), 'utf8');
      expect(file(separate)).toEqual(file(together));
    }
  });
});
