/**
 * The cdktf app: loads the config named by IDENTITY_CONFIG (default: the embedded example),
 * builds one stack per environment, synthesizes them and runs the guardrails. Any failure is one
 * line on stderr naming its path, exit 1, and leaves nothing deployable in the output directory:
 * a config problem is printed with its config path; a guardrail error (or a suppression that
 * matches nothing) with its fix, and only the reports are written; a file system error (a full
 * disk, a read-only folder) with the file it hit. See stacks/output-directory.ts.
 */
import { consoleReport } from './lib/guardrails/run/console-report';
import { ConfigError } from './lib/spec/config-error';
import { DEFAULT_CONFIG, loadSpec } from './lib/config/load';
import { withoutTokenStackTraces } from './lib/token-stack-traces';
import { failureMessage } from './stacks/failure-message';
import { withdrawOutput } from './stacks/output-directory';
import { outputDirectory, synthesize } from './stacks/synth';

/** Withdraws the previous stacks; a folder that refuses is reported by the next synth, not instead of the config's problems. */
function withdrawQuietly(dir: string): void {
  try {
    withdrawOutput(dir);
  } catch {
    // The withdrawal removes the manifest first: if even that failed, the folder is unchanged.
  }
}

const outdir = outputDirectory();
try {
  const configFile = process.env.IDENTITY_CONFIG || DEFAULT_CONFIG;
  let spec;
  try {
    spec = loadSpec(configFile);
  } catch (err) {
    // An earlier config's stacks must not pass as this one's.
    if (err instanceof ConfigError) withdrawQuietly(outdir);
    throw err;
  }
  const { result, failed, reportDir } = withoutTokenStackTraces(() => synthesize(spec, { configFile, outdir }));
  (failed ? process.stderr : process.stdout).write(consoleReport(result, reportDir));
  if (failed) process.exitCode = 1;
} catch (err) {
  process.stderr.write(`${failureMessage(err)}\n`);
  process.exitCode = 1;
}
