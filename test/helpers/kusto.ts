/**
 * Microsoft's Kusto language service (@kusto/language-service-next) loaded for tests, with the
 * Azure Monitor tables the denied-calls rule reads as typed schemas (test/monitoring/azure-tables/,
 * each with its source), and the workspace states a rule meets.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import type { DeniedCallsTable } from '../../lib/azure/denied-calls-query';

/** A column type, as Kusto names it. */
export type KustoType = 'string' | 'datetime' | 'real' | 'int' | 'long' | 'bool' | 'guid' | 'dynamic';

/** A table's documented schema and where it comes from. */
export interface TableSchema {
  readonly table: DeniedCallsTable;
  readonly source: Record<string, string>;
  readonly columns: Readonly<Record<string, KustoType>>;
  /** Columns a resource adds with its first log line (AzureDiagnostics only). */
  readonly addedByKeyVault?: { readonly note: string; readonly columns: Readonly<Record<string, KustoType>> };
}

const TABLES_DIR = path.join(__dirname, '..', 'monitoring', 'azure-tables');

/** Every documented table schema, by table. */
export const TABLE_SCHEMAS: Readonly<Record<DeniedCallsTable, TableSchema>> = Object.fromEntries(
  fs
    .readdirSync(TABLES_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => {
      const schema = JSON.parse(fs.readFileSync(path.join(TABLES_DIR, f), 'utf8')) as TableSchema;
      return [schema.table, schema];
    }),
) as Record<DeniedCallsTable, TableSchema>;

/** One state of a workspace: the tables it has, with their columns. */
export interface WorkspaceState {
  readonly name: string;
  readonly tables: Readonly<Partial<Record<DeniedCallsTable, Readonly<Record<string, KustoType>>>>>;
}

/**
 * The states a rule meets: no table yet (a fresh workspace), each table alone, all but each one,
 * and all of them; AzureDiagnostics either with only its standing columns (other resources log
 * there, no vault yet) or with the columns a key vault's first log line adds. Each leg types on its
 * own table alone, so these cover every leg present and absent next to every other; the full power
 * set (48 states for 5 tables) measured 20 s here, these (21 for 6 tables) well under half.
 */
export function workspaceStates(tables: readonly DeniedCallsTable[]): WorkspaceState[] {
  const states: WorkspaceState[] = [];
  const n = tables.length;
  for (let mask = 0; mask < 1 << n; mask++) {
    const present = tables.filter((_, i) => mask & (1 << i));
    if (![0, 1, n - 1, n].includes(present.length)) continue;
    const variants = present.includes('AzureDiagnostics') ? ['before a vault logs', 'after a vault logs'] : [''];
    for (const variant of variants) {
      const entries = present.map((t) => {
        const s = TABLE_SCHEMAS[t];
        const columns = t === 'AzureDiagnostics' && variant === 'after a vault logs' ? { ...s.columns, ...s.addedByKeyVault?.columns } : s.columns;
        return [t, columns] as const;
      });
      states.push({ name: `${present.length ? present.join('+') : 'fresh (no table)'}${variant ? ` (${variant})` : ''}`, tables: Object.fromEntries(entries) });
    }
  }
  return states;
}

/** A diagnostic of the Kusto analyser. */
export interface KustoDiagnostic {
  readonly code: string;
  readonly severity: string;
  readonly message: string;
}

/** What the analyser says about a query in a workspace state. */
export interface Analysis {
  readonly diagnostics: readonly KustoDiagnostic[];
  readonly errors: readonly KustoDiagnostic[];
  /** The result's columns and their types, when the result is a table. */
  readonly resultColumns: Readonly<Record<string, string>>;
}

// The bridge is generated C#: its API is untyped here, and only these few calls are used.
/* eslint-disable @typescript-eslint/no-explicit-any */
let kusto: any;
function language(): any {
  if (!kusto) {
    const dir = path.dirname(require.resolve('@kusto/language-service-next/package.json'));
    const context = vm.createContext({});
    for (const file of ['bridge.min.js', 'Kusto.Language.Bridge.min.js']) vm.runInContext(fs.readFileSync(path.join(dir, file), 'utf8'), context, { filename: file });
    kusto = (context as any).Kusto.Language;
  }
  return kusto;
}

const globalsByState = new Map<WorkspaceState, any>();
function globalsOf(state: WorkspaceState): any {
  let globals = globalsByState.get(state);
  if (!globals) {
    const K = language();
    const tables = Object.entries(state.tables).map(
      ([name, columns]) => new K.Symbols.TableSymbol.$ctor7(name, `(${Object.entries(columns ?? {}).map(([c, t]) => `['${c}']: ${t}`).join(', ')})`, null),
    );
    globals = K.GlobalState.Default.WithDatabase(new K.Symbols.DatabaseSymbol.ctor('workspace', tables));
    globalsByState.set(state, globals);
  }
  return globals;
}

function list<T>(items: any): T[] {
  const out: T[] = [];
  for (let i = 0; i < items.Count; i++) out.push(items.getItem(i));
  return out;
}

/** Parses and analyses a query against a workspace state. */
export function analyse(query: string, state: WorkspaceState): Analysis {
  const code = language().KustoCode.ParseAndAnalyze(query, globalsOf(state));
  const diagnostics = list<any>(code.GetDiagnostics()).map((d) => ({ code: String(d.Code), severity: String(d.Severity), message: String(d.Message) }));
  const result = code.ResultType;
  const resultColumns = result?.Columns ? Object.fromEntries(list<any>(result.Columns).map((c) => [String(c.Name), String(c.Type.Name)])) : {};
  return { diagnostics, errors: diagnostics.filter((d) => d.severity === 'Error'), resultColumns };
}

/** The type the analyser gives a scalar expression over one table of a state (e.g. a compared operand). */
export function expressionType(table: DeniedCallsTable, expression: string, state: WorkspaceState): string {
  const { errors, resultColumns } = analyse(`${table} | project __value = ${expression}`, state);
  if (errors.length) throw new Error(`${expression} on ${table}: ${errors.map((e) => `${e.code} ${e.message}`).join('; ')}`);
  return resultColumns.__value;
}
