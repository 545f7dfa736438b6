/**
 * Workloads named like the constructs a stack makes beside them (`aws`, `google`, ...) get
 * their own construct ids: the list in lib/terraform/construct-id.ts is held to the stacks'
 * real children, and such names synthesize with their resources named as the workload.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseSpec } from '../../lib/config/load';
import { STACK_CONSTRUCT_IDS, formatConstructId } from '../../lib/terraform/construct-id';
import { buildApp } from '../../stacks/app';
import { config, workload } from '../helpers/configs';
import { example, ofType, synthStacks } from '../helpers/synth';

describe('construct ids beside the workloads', () => {
  it.each(['identity.yaml', 'terraform-cloud.yaml', 'aws-only.yaml'])('%s: every other child of a stack is listed, or holds a `_` no config name can', (file) => {
    const spec = parseSpec(example(file), file);
    const { stacks } = buildApp(spec, { outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'wi-ids-')) });
    const workloadIds = new Set(spec.environments.flatMap((e) => e.workloads.map((w) => formatConstructId(w.name))));
    const others = stacks.flatMap((s) => s.node.children.map((c) => c.node.id)).filter((id) => !workloadIds.has(id));
    expect(others.filter((id) => !id.includes('_') && !STACK_CONSTRUCT_IDS.has(id))).toEqual([]);
    expect(others).toEqual(expect.arrayContaining(['aws', 'backend']));
  });

  it('synthesizes workloads named like those constructs, each resource named as its workload', () => {
    const names = [...STACK_CONSTRUCT_IDS];
    const stack = Object.values(synthStacks(config(names.map((n) => workload(n, '{ aws: lambda }', ['{ resource: bucket, allow: [read] }'])).join(''))))[0];
    // Beside them only the audit trail's delivery role, whose name holds a `_`.
    expect(Object.keys(ofType(stack, 'aws_iam_role')).filter((n) => !n.includes('_')).sort()).toEqual([...names].sort());
  });
});
