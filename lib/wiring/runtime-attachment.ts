/**
 * How a cloud's own runtime takes the workload's identity on that cloud: one command per
 * runtime of the schema (lib/spec/schema.ts, runsOn), with the resource the user deploys
 * (a function, a service, an instance) as a shell variable, since the config does not name it.
 * For an Azure Function, also the app settings of a Service Bus trigger that connects with the
 * user-assigned identity (`<Connection>__fullyQualifiedNamespace`, `__credential:
 * managedidentity`, `__clientId`: https://learn.microsoft.com/azure/azure-functions/functions-reference#configure-an-identity-based-connection).
 */
import type { Cloud } from '../access/vocabulary';
import type { RuntimeSource } from '../spec/types';
import { shellCommand, shellWord } from './quote';
import type { Snippet, WiringContext, WiringValue } from './wiring-context';
import { shellValue } from './wiring-context';

type Word = string | { raw: string };

/** The runtimes of each cloud (schema.ts runsOn) and the command that attaches the identity. */
const ATTACH: { readonly [C in Cloud]: Readonly<Record<string, (ctx: WiringContext) => Word[]>> } = {
  aws: {
    lambda: (ctx) => ['aws', 'lambda', 'update-function-configuration', '--function-name', { raw: '"$FUNCTION_NAME"' }, '--role', shellValue(ctx.required('aws', 'role_arn'))],
    'ecs-task': (ctx) => ['aws', 'ecs', 'register-task-definition', '--cli-input-json', 'file://task-definition.json', '--task-role-arn', shellValue(ctx.required('aws', 'role_arn'))],
    ec2: (ctx) => [
      'aws',
      'ec2',
      'associate-iam-instance-profile',
      '--instance-id',
      { raw: '"$INSTANCE_ID"' },
      '--iam-instance-profile',
      { raw: `Name=${wordText(shellValue(ctx.required('aws', 'instance_profile_name')))}` },
    ],
  },
  gcp: {
    'cloud-run': (ctx) => ['gcloud', 'run', 'services', 'update', { raw: '"$SERVICE"' }, `--region=${gcpRegion(ctx)}`, { raw: `--service-account=${email(ctx)}` }],
    'cloud-functions': (ctx) => ['gcloud', 'functions', 'deploy', { raw: '"$FUNCTION_NAME"' }, `--region=${gcpRegion(ctx)}`, { raw: `--service-account=${email(ctx)}` }],
    compute: (ctx) => ['gcloud', 'compute', 'instances', 'set-service-account', { raw: '"$INSTANCE"' }, { raw: `--service-account=${email(ctx)}` }, '--scopes=cloud-platform'],
  },
  azure: {
    functions: (ctx) => ['az', 'functionapp', 'identity', 'assign', '--name', { raw: '"$APP_NAME"' }, ...azureAssign(ctx)],
    'container-apps': (ctx) => ['az', 'containerapp', 'identity', 'assign', '--name', { raw: '"$APP_NAME"' }, '--resource-group', { raw: '"$RESOURCE_GROUP"' }, '--user-assigned', shellValue(ctx.required('azure', 'resource_id'))],
    'app-service': (ctx) => ['az', 'webapp', 'identity', 'assign', '--name', { raw: '"$APP_NAME"' }, ...azureAssign(ctx)],
  },
};

const gcpRegion = (ctx: WiringContext) => (ctx.env.gcp as NonNullable<typeof ctx.env.gcp>).region;
const email = (ctx: WiringContext) => wordText(shellValue(ctx.required('gcp', 'service_account_email')));
const azureAssign = (ctx: WiringContext): Word[] => ['--resource-group', { raw: '"$RESOURCE_GROUP"' }, '--identities', shellValue(ctx.required('azure', 'resource_id'))];
const wordText = (word: Word) => (typeof word === 'string' ? shellCommand([word]) : word.raw);
/** `NAME=value` as one shell word, the name quoted with the value when it is known. */
const setting = (name: string, value: WiringValue): Word => ('known' in value ? `${name}=${value.known}` : { raw: `${shellWord(`${name}=`)}"$(${value.command})"` });

/** The app setting names of a Service Bus connection, by its namespace (`sb-acme` gives `ServiceBus_sb_acme`). */
export function serviceBusConnection(namespace: string): string {
  return `ServiceBus_${namespace.replace(/-/g, '_')}`;
}

export function runtimeAttachmentSnippets(ctx: WiringContext): Snippet[] {
  const source = ctx.source as RuntimeSource;
  const attach = ATTACH[source.cloud][source.runtime];
  if (!attach || !ctx.has(source.cloud)) return [];
  const variables = shellVariablesOf(attach(ctx));
  const snippets: Snippet[] = [{ title: `Attach the identity to the ${source.runtime} (set ${variables})`, language: 'shell', text: `${shellCommand(attach(ctx))}\n` }];
  if (source.cloud === 'azure') snippets.push(...azureAppSettings(ctx, source.runtime));
  return snippets;
}

/** The shell variables a command expects, as the title names them. */
function shellVariablesOf(words: readonly Word[]): string {
  return [...new Set(words.flatMap((w) => (typeof w === 'string' ? [] : [...w.raw.matchAll(/"\$([A-Z_]+)"/g)].map((m) => m[1]))))].join(', ');
}

/** AZURE_CLIENT_ID for DefaultAzureCredential, and the identity-based connection of each Service Bus namespace it may use. */
function azureAppSettings(ctx: WiringContext, runtime: string): Snippet[] {
  const clientId = ctx.required('azure', 'client_id');
  const namespaces = [...new Set(ctx.workload.grants.flatMap((g) => (g.resource.clouds.azure?.namespace ? [g.resource.clouds.azure.namespace] : [])))].sort();
  const settings: [string, WiringValue][] = [['AZURE_CLIENT_ID', clientId]];
  if (runtime === 'functions') {
    for (const ns of namespaces) {
      const connection = serviceBusConnection(ns);
      settings.push(
        [`${connection}__fullyQualifiedNamespace`, { known: `${ns}.servicebus.windows.net` }],
        [`${connection}__credential`, { known: 'managedidentity' }],
        [`${connection}__clientId`, clientId],
      );
    }
  }
  const command =
    runtime === 'container-apps'
      ? ['az', 'containerapp', 'update', '--name', { raw: '"$APP_NAME"' }, '--resource-group', { raw: '"$RESOURCE_GROUP"' }, '--set-env-vars']
      : ['az', runtime === 'functions' ? 'functionapp' : 'webapp', 'config', 'appsettings', 'set', '--name', { raw: '"$APP_NAME"' }, '--resource-group', { raw: '"$RESOURCE_GROUP"' }, '--settings'];
  const words: Word[] = [...command, ...settings.map(([name, value]) => setting(name, value))];
  const title = runtime === 'functions' && namespaces.length ? 'App settings (Service Bus triggers: connection = the setting prefix, e.g. ServiceBus_<namespace>)' : 'App settings';
  return [{ title, language: 'shell', text: `${shellCommand(words)}\n` }];
}
