/**
 * The real terraform CLI against synthesized AWS stacks, offline: a local filesystem mirror of
 * `hashicorp/aws`, mock credentials, no account lookups. Where either is missing, `terraformSkip`
 * says why and callers skip with that reason printed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { StackJson } from '../../lib/terraform/stack-json';

const MIRROR_ROOTS = [process.env.TF_PROVIDER_MIRROR, '/opt/tf-plugins', path.join(os.homedir(), '.terraform.d', 'plugins')].filter(
  (p): p is string => !!p,
);

interface Toolchain {
  readonly terraform: string;
  readonly mirror: string;
}

function findToolchain(): Toolchain | string {
  const which = spawnSync('terraform', ['version', '-json'], { encoding: 'utf8', env: { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null' } });
  if (which.error || which.status !== 0) return 'no terraform CLI on PATH';
  for (const root of MIRROR_ROOTS) {
    const dir = path.join(root, 'registry.terraform.io', 'hashicorp', 'aws');
    if (!fs.existsSync(dir)) continue;
    const versions = fs.readdirSync(dir).filter((v) => /^\d+\.\d+\.\d+$/.test(v));
    if (versions.length) return { terraform: 'terraform', mirror: root };
  }
  return `no local mirror of hashicorp/aws under ${MIRROR_ROOTS.join(', ')}`;
}

const toolchain = findToolchain();

/** Why the terraform checks cannot run here, or undefined when they can. */
export const terraformSkip: string | undefined = typeof toolchain === 'string' ? toolchain : undefined;

/** `it`, or `it.skip` with the reason printed once. */
export function itWithTerraform(name: string, fn: jest.ProvidesCallback, timeout = 120_000): void {
  if (terraformSkip) {
    it.skip(`${name} (skipped: ${terraformSkip})`, () => undefined);
    // eslint-disable-next-line no-console
    console.warn(`skipping "${name}": ${terraformSkip}`);
  } else {
    it(name, fn, timeout);
  }
}

/**
 * Prepares an AWS-only stack for an offline run: a local backend in the work dir and mock
 * credentials for the provider; the stack's provider version constraint is kept.
 */
export function offlineAwsStack(stack: StackJson): StackJson {
  const copy = JSON.parse(JSON.stringify(stack)) as StackJson;
  const terraform = copy.terraform as { required_providers: Record<string, unknown>; backend?: unknown; cloud?: unknown };
  const extra = Object.keys(terraform.required_providers).filter((p) => p !== 'aws');
  if (extra.length) throw new Error(`offline terraform runs take AWS-only stacks; this one also uses ${extra.join(', ')}`);
  // The stack's own version constraint stays: init fails if the mirrored provider does not satisfy it.
  terraform.required_providers = { aws: { ...(terraform.required_providers.aws as object), source: 'hashicorp/aws' } };
  delete terraform.cloud;
  terraform.backend = { local: { path: 'terraform.tfstate' } };
  const providers = (copy.provider as { aws: Record<string, unknown>[] }).aws;
  for (const p of providers) {
    delete p.allowed_account_ids;
    Object.assign(p, {
      access_key: 'mock',
      secret_key: 'mock',
      skip_credentials_validation: true,
      skip_requesting_account_id: true,
      skip_metadata_api_check: 'true',
      skip_region_validation: true,
    });
  }
  return copy;
}

/** A work dir holding the stack, initialized against the mirror. */
export function initStack(stack: StackJson): string {
  return initialized({ 'cdk.tf.json': offlineAwsStack(stack) });
}

/**
 * A work dir whose root module calls each stack as a module of its own (`module.<name>`, its
 * provider blocks inside, as cdktf writes them), initialized against the mirror. Most of a
 * terraform command's cost is the AWS provider's start (building its whole schema, about 2 s
 * here), paid once per command however many modules it plans. `state`, if given, is the root's
 * state before the plan (module resources carry their `module` address).
 */
export function initModules(stacks: Readonly<Record<string, StackJson>>, state?: object): string {
  const files: Record<string, object> = {
    'main.tf.json': {
      terraform: { backend: { local: { path: 'terraform.tfstate' } } },
      module: Object.fromEntries(Object.keys(stacks).map((name) => [name, { source: `./modules/${name}` }])),
    },
  };
  for (const [name, stack] of Object.entries(stacks)) {
    const { terraform: settings, ...rest } = offlineAwsStack(stack) as StackJson & { terraform: { backend?: unknown } };
    const { backend: _backend, ...moduleSettings } = settings;
    files[path.join('modules', name, 'cdk.tf.json')] = { terraform: moduleSettings, ...rest };
  }
  if (state) files['terraform.tfstate'] = state;
  return initialized(files);
}

function initialized(files: Readonly<Record<string, object>>): string {
  const tc = toolchain as Toolchain;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wi-tf-'));
  for (const [file, json] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), JSON.stringify(json, null, 2));
  }
  fs.writeFileSync(
    path.join(dir, 'terraformrc'),
    `provider_installation {\n  filesystem_mirror {\n    path = "${tc.mirror}"\n  }\n  direct { exclude = ["registry.terraform.io/*/*"] }\n}\n`,
  );
  terraform(dir, ['init', '-input=false', '-no-color']);
  return dir;
}

/** One change `terraform plan -json` announces (a `planned_change` message). */
export interface PlannedChange {
  readonly resource: { readonly addr: string };
  readonly previous_resource?: { readonly addr: string };
  readonly action: string;
}

/**
 * The changes of `terraform plan -json` in `dir`, without refreshing. The plan runs the
 * configuration's and the provider's validation first (a value out of the provider's range fails
 * it), so no separate `terraform validate` is needed.
 */
export function plannedChanges(dir: string): PlannedChange[] {
  return terraform(dir, ['plan', '-input=false', '-no-color', '-refresh=false', '-json'])
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { type: string; change?: PlannedChange })
    .flatMap((m) => (m.type === 'planned_change' && m.change ? [m.change] : []));
}

/** Runs terraform in `dir` offline; returns stdout, throws with stderr on failure. */
export function terraform(dir: string, args: string[]): string {
  const tc = toolchain as Toolchain;
  try {
    return execFileSync(tc.terraform, args, {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      // `show -json` of a large estate's plan runs to megabytes.
      maxBuffer: 512 * 1024 * 1024,
      env: {
        ...process.env,
        TF_CLI_CONFIG_FILE: path.join(dir, 'terraformrc'),
        TF_IN_AUTOMATION: '1',
        CHECKPOINT_DISABLE: '1',
        AWS_EC2_METADATA_DISABLED: 'true',
        // Inherited by the provider, whose start (building the whole AWS schema) is most of each
        // command's CPU. These commands live for seconds, so Go's collector is off: measured on the
        // one plan of every case, 6.6 -> 5.9 CPU s for 0.5 -> 1.1 GB peak (GOGC=400 had taken the
        // default's 5.8 -> 4.6 CPU s for a single stack); `terraform test` 3.3 -> 2.9 CPU s.
        GOGC: 'off',
      },
    });
  } catch (err) {
    const e = err as { stderr?: string; stdout?: string; message: string };
    throw new Error(`terraform ${args.join(' ')} failed:\n${e.stderr || e.stdout || e.message}`);
  }
}
