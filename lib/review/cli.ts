/**
 * `npm run review -- --base <dir|git-ref> --head <dir> [--plan <file>]... [--out <dir>]
 * [--production <env,...>] [--fail-on high|medium|low]`: prints the review as Markdown and
 * writes `review.md` and `review.json` to the out dir (default `<head>/review`). Exit 0; 1 when
 * `--fail-on` is given and a change is at least that risky; 2 when the review cannot be made.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type { AccessModel } from './access-model';
import { readGuardrailFindings } from './guardrail-findings';
import { reviewMarkdown, reviewRows } from './markdown';
import type { PlanJson } from './plan';
import { readAccessModel } from './read-access-model';
import { buildReview } from './review';
import type { Review } from './review';
import type { Risk } from './review-change';
import { RISK_RULES } from './risk-rules';
import { readSynthesizedStacks } from './synthesized-stacks';
import type { SynthesizedStacks } from './synthesized-stacks';
import { synthesizeGitRef } from './synthesize-git-ref';

export interface ReviewOptions {
  /** A synthesis dir, or a git ref of the repository in the working directory. */
  readonly base: string;
  /** @default "cdktf.out" */
  readonly head?: string;
  /** `terraform show -json` files. @default none */
  readonly plans?: readonly string[];
  /** @default "<head>/review" */
  readonly out?: string;
  /** @default environments whose name says production */
  readonly production?: readonly string[];
  /** The repository a git ref belongs to. @default the working directory */
  readonly repo?: string;
  /** The config of a git ref base (relative to the working directory, or absolute). @default IDENTITY_CONFIG, else the embedded example */
  readonly config?: string;
}

/** Risks from the most severe, for `--fail-on`. */
export const FAIL_ON: readonly Risk[] = ['high', 'medium', 'low'];

/** How many rows of the review (as its header counts them) are at least as risky as `threshold`. */
export function changesAtOrAbove(review: Review, threshold: Risk): number {
  return reviewRows(review).filter((r) => FAIL_ON.indexOf(r.risk) <= FAIL_ON.indexOf(threshold)).length;
}

export interface ReviewRun {
  readonly review: Review;
  readonly markdown: string;
  readonly base: AccessModel;
  readonly head: AccessModel;
}

/** Runs a review and writes its files. */
export function runReview(options: ReviewOptions): ReviewRun {
  const headDir = options.head ?? 'cdktf.out';
  const headStacks = readSynthesizedStacks(headDir);
  const head = readAccessModel(headStacks);
  let baseStacks: SynthesizedStacks = {};
  let baseFindings;
  const notes: string[] = [];
  if (fs.existsSync(options.base) && fs.statSync(options.base).isDirectory()) {
    baseStacks = readSynthesizedStacks(options.base);
    baseFindings = readGuardrailFindings(options.base);
  } else {
    const synth = synthesizeGitRef(options.repo ?? process.cwd(), options.base, options.config ?? (process.env.IDENTITY_CONFIG || undefined));
    try {
      if (synth.missingConfig) {
        notes.push(`${options.base} has no ${synth.missingConfig}: the base is empty, so every identity, trust and grant counts as new.`);
        process.stderr.write(`review: ${notes[0]}\n`);
      } else {
        baseStacks = readSynthesizedStacks(synth.dir);
        baseFindings = readGuardrailFindings(synth.dir);
      }
    } finally {
      synth.cleanup();
    }
  }
  const base = readAccessModel(baseStacks);
  const review = buildReview({
    base,
    head,
    stacks: { base: baseStacks, head: headStacks },
    plans: (options.plans ?? []).map((file) => ({ file: path.basename(file), plan: JSON.parse(fs.readFileSync(file, 'utf8')) as PlanJson })),
    findings: { base: baseFindings, head: readGuardrailFindings(headDir) },
    ...(options.production && { production: options.production }),
    notes,
  });
  const markdown = reviewMarkdown(review);
  const out = options.out ?? path.join(headDir, 'review');
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'review.md'), markdown);
  fs.writeFileSync(path.join(out, 'review.json'), `${JSON.stringify({ ...review, riskRules: RISK_RULES.map(({ id, risk, when }) => ({ id, risk, when })), base, head }, null, 2)}\n`);
  return { review, markdown, base, head };
}

if (require.main === module) {
  try {
    const { values } = parseArgs({
      options: {
        base: { type: 'string' },
        head: { type: 'string' },
        plan: { type: 'string', multiple: true },
        out: { type: 'string' },
        production: { type: 'string' },
        'fail-on': { type: 'string' },
      },
    });
    const usage = 'usage: npm run review -- --base <dir|git-ref> [--head <dir>] [--plan <terraform show -json file>]... [--out <dir>] [--production <env,...>] [--fail-on high|medium|low]';
    if (!values.base) throw new Error(usage);
    const failOn = values['fail-on'];
    if (failOn !== undefined && !(FAIL_ON as readonly string[]).includes(failOn)) throw new Error(`--fail-on must be one of ${FAIL_ON.join(', ')}\n${usage}`);
    const run = runReview({
      base: values.base,
      ...(values.head && { head: values.head }),
      ...(values.plan && { plans: values.plan }),
      ...(values.out && { out: values.out }),
      ...(values.production && { production: values.production.split(',').map((s) => s.trim()) }),
    });
    process.stdout.write(run.markdown);
    const failing = failOn ? changesAtOrAbove(run.review, failOn as Risk) : 0;
    if (failing) {
      process.stderr.write(`review: ${failing} change${failing === 1 ? '' : 's'} at ${failOn} risk or above (--fail-on ${failOn})\n`);
      process.exitCode = 1;
    }
  } catch (err) {
    process.stderr.write(`review: ${(err as Error).message}\n`);
    process.exit(2);
  }
}
