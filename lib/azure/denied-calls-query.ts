/**
 * The KQL of one managed identity's denied-calls rule, built from typed legs: one per Log
 * Analytics table its calls land in, each a conjunction of typed predicates. The query compiles
 * in every state a workspace meets (no table yet, some, all; a table without the columns a
 * resource adds with its first log line), proven in test/monitoring/azure-kql.test.ts with
 * Microsoft's Kusto language service against the tables' documented schemas.
 */

/** The Log Analytics tables the rule reads. */
export type DeniedCallsTable = 'AzureActivity' | 'StorageBlobLogs' | 'AzureDiagnostics' | 'AZKVAuditLogs' | 'AZMSRuntimeAuditLogs' | 'AADManagedIdentitySignInLogs';

/** Who the rule watches: Terraform references (or values) of the identity's ids. */
export interface WatchedIdentity {
  /** The identity's principal (object) id. */
  readonly principalId: string;
  /** The identity's client (application) id. */
  readonly clientId: string;
}

/**
 * One predicate of a leg, in the only forms the query uses:
 * - `string`: a string column against string literals, `=~`/`in~` case-insensitive, `in`/`!=` exact;
 * - `guid`: guid columns that may not exist yet (`column_ifexists`, null when absent), the first
 *   present one (`coalesce`) equal to a guid;
 * - `property`: a string property of a dynamic column (`tostring(C.a.b)`), compared case-insensitively;
 * - `integer`: a numeric column, as an integer, in a set of integers.
 */
export type Predicate =
  | { readonly kind: 'string'; readonly column: string; readonly op: '=~' | 'in~' | 'in' | '!='; readonly values: readonly string[] }
  | { readonly kind: 'guid'; readonly columns: readonly string[]; readonly value: string }
  | { readonly kind: 'property'; readonly column: string; readonly path: readonly string[]; readonly value: string }
  | { readonly kind: 'integer'; readonly column: string; readonly values: readonly number[] };

/** One branch of the union: a table, its conditions, and how many denied calls one row counts. */
export interface DeniedCallsLeg {
  readonly table: DeniedCallsTable;
  readonly where: readonly Predicate[];
  /** The integer column holding the number of calls a row stands for. @default each row is one call */
  readonly countColumn?: string;
}

/** The column each leg projects, which the rule totals (`metric_measure_column`). */
export const DENIED_CALLS_COLUMN = 'DeniedCalls';

/** HTTP statuses of a refused data-plane call: unauthenticated, forbidden. */
const REFUSED = [401, 403] as const;

/**
 * Failed or forbidden calls of one identity, per table (columns and types: the Azure Monitor table
 * reference, https://learn.microsoft.com/azure/azure-monitor/reference/tables/<table>; kept as data
 * in test/monitoring/azure-tables/).
 */
export function deniedCallsLegs(id: WatchedIdentity): DeniedCallsLeg[] {
  return [
    // Control plane (Activity Log). Caller is the principal id of a managed identity; some records carry the client id.
    {
      table: 'AzureActivity',
      where: [
        { kind: 'string', column: 'Caller', op: 'in~', values: [id.principalId, id.clientId] },
        { kind: 'string', column: 'ActivityStatusValue', op: 'in~', values: ['Failure', 'Failed'] },
      ],
    },
    // Blob data plane: StatusCode is a string column ("403"), RequesterObjectId the caller's object id.
    {
      table: 'StorageBlobLogs',
      where: [
        { kind: 'string', column: 'RequesterObjectId', op: '=~', values: [id.principalId] },
        { kind: 'string', column: 'StatusCode', op: 'in', values: REFUSED.map(String) },
      ],
    },
    // Key Vault data plane (AuditEvent, Azure Diagnostics mode): the caller's object id is a guid column that exists
    // only once a vault has logged a call; httpStatusCode_d is one of the table's 200 standing columns, a real.
    {
      table: 'AzureDiagnostics',
      where: [
        { kind: 'string', column: 'ResourceProvider', op: '=~', values: ['MICROSOFT.KEYVAULT'] },
        // Some operations log the caller's object id under the claim's long name instead (Azure/Azure-Sentinel#4568).
        { kind: 'guid', columns: ['identity_claim_oid_g', 'identity_claim_http_schemas_microsoft_com_identity_claims_objectidentifier_g'], value: id.principalId },
        { kind: 'integer', column: 'httpStatusCode_d', values: [...REFUSED] },
      ],
    },
    // Key Vault in resource-specific mode, where a diagnostic setting managed elsewhere (reuseDiagnosticSettings) sends
    // AuditEvent: Identity is the token's claims (dynamic), HttpStatusCode an int.
    {
      table: 'AZKVAuditLogs',
      where: [
        { kind: 'property', column: 'Identity', path: ['claim', 'oid'], value: id.principalId },
        { kind: 'integer', column: 'HttpStatusCode', values: [...REFUSED] },
      ],
    },
    // Service Bus data plane (RuntimeAuditLogs, Premium tier only): AuthKey is the Entra application id of the caller,
    // and a row aggregates `Count` operations of one minute.
    {
      table: 'AZMSRuntimeAuditLogs',
      where: [
        { kind: 'string', column: 'Provider', op: 'in~', values: ['servicebus'] },
        { kind: 'string', column: 'AuthKey', op: 'in~', values: [id.clientId, id.principalId] },
        { kind: 'string', column: 'Status', op: 'in~', values: ['Failure', 'Failed'] },
      ],
      countColumn: 'Count',
    },
    // Failed token requests of the identity, where the tenant routes Entra sign-in logs to the workspace.
    {
      table: 'AADManagedIdentitySignInLogs',
      where: [
        { kind: 'string', column: 'ServicePrincipalId', op: '=~', values: [id.principalId] },
        { kind: 'string', column: 'ResultType', op: '!=', values: ['0'] },
      ],
    },
  ];
}

const kqlString = (s: string) => JSON.stringify(s);
const kqlList = (items: readonly string[]) => `(${items.join(', ')})`;

/** The KQL of one predicate. */
export function renderPredicate(p: Predicate): string {
  switch (p.kind) {
    case 'string':
      return p.op === 'in~' || p.op === 'in' ? `${p.column} ${p.op} ${kqlList(p.values.map(kqlString))}` : `${p.column} ${p.op} ${kqlString(p.values[0])}`;
    case 'guid': {
      // column_ifexists: before the column's first value it does not exist (KS142); a guid compares only with a guid (KS106).
      const columns = p.columns.map((c) => `column_ifexists(${kqlString(c)}, guid(null))`);
      return `${columns.length > 1 ? `coalesce(${columns.join(', ')})` : columns[0]} == toguid(${kqlString(p.value)})`;
    }
    case 'property':
      return `tostring(${[p.column, ...p.path].join('.')}) =~ ${kqlString(p.value)}`;
    case 'integer':
      return `toint(${p.column}) in ${kqlList(p.values.map(String))}`;
  }
}

/** The KQL of one leg: its rows, each as (TimeGenerated, DeniedCalls). */
export function renderLeg(leg: DeniedCallsLeg): string {
  const count = leg.countColumn ? `tolong(${leg.countColumn})` : '1';
  return `${leg.table} | where ${leg.where.map(renderPredicate).join(' and ')} | project TimeGenerated, ${DENIED_CALLS_COLUMN} = ${count}`;
}

/**
 * The rule's query: the legs under `union isfuzzy=true`, which skips a table the workspace does
 * not have yet, plus an empty `datatable` leg that always resolves: a fuzzy union with no
 * resolvable leg at all is an error (https://learn.microsoft.com/kusto/query/union-operator,
 * `isfuzzy`), which a fresh workspace would otherwise hit on every run. Azure does not run such
 * a query at a one-minute frequency (see `AZURE_ONE_MINUTE_REASON`).
 */
export function deniedCallsQuery(id: WatchedIdentity): string {
  const always = `datatable(TimeGenerated: datetime, ${DENIED_CALLS_COLUMN}: long) []`;
  return `union isfuzzy=true\n${[always, ...deniedCallsLegs(id).map(renderLeg)].map((leg) => `  (${leg})`).join(',\n')}`;
}
