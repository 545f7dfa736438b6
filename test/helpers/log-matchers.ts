/**
 * Small, faithful evaluators for the subset of each log language this project emits, so tests
 * can match the synthesized filters and queries against sample log entries:
 * - CloudWatch Logs JSON filter patterns: `{ ... }` with `$.path = "value*"`, `!=`, `&&`, `||`, parentheses;
 * - Cloud Logging query language: `field="v"`, `field!=v`, `field:"substring"`, `AND`, `OR`, parentheses;
 * - KQL: only the forms of lib/azure/denied-calls-query.ts (see `kqlRows`). No KQL evaluator exists
 *   in JavaScript (Microsoft's language service parses and types queries, it does not run them), so
 *   this interpreter evaluates the predicates with the column types Microsoft's parser resolves.
 * Anything outside the subset throws, so a filter that drifts beyond it fails its test.
 */

type Json = Record<string, unknown>;

/** Replaces `${ref}` Terraform references by values known after apply. */
export function resolveRefs(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(/\$\{([^}]+)\}/g, (whole, ref: string) => {
    if (!(ref in values)) throw new Error(`no value for the reference ${whole}`);
    return values[ref];
  });
}

function pathValue(entry: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Json)[k] : undefined), entry);
}

class Tokens {
  private i = 0;
  constructor(private readonly list: string[]) {}
  peek(): string | undefined {
    return this.list[this.i];
  }
  next(): string {
    const t = this.list[this.i++];
    if (t === undefined) throw new Error('unexpected end of expression');
    return t;
  }
  expect(t: string): void {
    const got = this.next();
    if (got !== t) throw new Error(`expected ${t}, got ${got}`);
  }
  done(): boolean {
    return this.i >= this.list.length;
  }
}

function tokenize(text: string, pattern: RegExp): string[] {
  const out: string[] = [];
  let rest = text.trim();
  while (rest) {
    const m = pattern.exec(rest);
    if (!m || m.index !== 0) throw new Error(`cannot read ${JSON.stringify(rest.slice(0, 40))}`);
    out.push(m[0]);
    rest = rest.slice(m[0].length).trimStart();
  }
  return out;
}

const unquote = (t: string) => (t.startsWith('"') ? (JSON.parse(t) as string) : t);
const wildcard = (value: string) => new RegExp(`^${value.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);

/** Whether a CloudWatch Logs JSON filter pattern matches a JSON log event. */
export function cloudWatchMatches(pattern: string, event: Json): boolean {
  const t = new Tokens(tokenize(pattern, /^(?:"(?:[^"\\]|\\.)*"|&&|\|\||!=|=|[{}()]|\$[.A-Za-z0-9_]+|-?\d+(?:\.\d+)?)/));
  t.expect('{');
  const expr = (): boolean => {
    let value = conj();
    while (t.peek() === '||') {
      t.next();
      value = conj() || value;
    }
    return value;
  };
  const conj = (): boolean => {
    let value = term();
    while (t.peek() === '&&') {
      t.next();
      value = term() && value;
    }
    return value;
  };
  const term = (): boolean => {
    if (t.peek() === '(') {
      t.next();
      const v = expr();
      t.expect(')');
      return v;
    }
    const selector = t.next();
    if (!selector.startsWith('$.')) throw new Error(`expected a selector, got ${selector}`);
    const op = t.next();
    const literal = t.next();
    const actual = pathValue(event, selector.slice(2));
    const equal = literal.startsWith('"')
      ? typeof actual === 'string' && wildcard(unquote(literal)).test(actual)
      : typeof actual === 'number' && actual === Number(literal);
    if (op === '=') return equal;
    if (op === '!=') return actual !== undefined && !equal;
    throw new Error(`unsupported operator ${op}`);
  };
  const result = expr();
  t.expect('}');
  if (!t.done()) throw new Error('trailing tokens after the pattern');
  return result;
}

/** The value a CloudWatch metric filter dimension selector (`$.a.b`) extracts from an event. */
export function cloudWatchDimension(selector: string, event: Json): unknown {
  return pathValue(event, selector.replace(/^\$\./, ''));
}

/** Whether a Cloud Logging query matches a log entry. `:` is a case-insensitive substring test. */
export function gcpFilterMatches(filter: string, entry: Json): boolean {
  const t = new Tokens(tokenize(filter, /^(?:"(?:[^"\\]|\\.)*"|AND\b|OR\b|NOT\b|!=|=|:|[()]|[A-Za-z_][A-Za-z0-9_.]*|-?\d+)/));
  const expr = (): boolean => {
    let value = conj();
    while (t.peek() === 'OR') {
      t.next();
      value = conj() || value;
    }
    return value;
  };
  const conj = (): boolean => {
    let value = unary();
    while (t.peek() === 'AND') {
      t.next();
      value = unary() && value;
    }
    return value;
  };
  const unary = (): boolean => {
    if (t.peek() === 'NOT') {
      t.next();
      return !primary();
    }
    return primary();
  };
  const primary = (): boolean => {
    if (t.peek() === '(') {
      t.next();
      const v = expr();
      t.expect(')');
      return v;
    }
    const field = t.next();
    const op = t.next();
    const value = unquote(t.next());
    const actual = pathValue(entry, field);
    const text = actual === undefined || actual === null ? undefined : String(actual);
    switch (op) {
      case '=':
        return text === value;
      case '!=':
        // Cloud Logging: a missing field never equals, so it is "not equal" only when present.
        return text !== undefined && text !== value;
      case ':':
        return text !== undefined && text.toLowerCase().includes(value.toLowerCase());
      default:
        throw new Error(`unsupported operator ${op}`);
    }
  };
  const result = expr();
  if (!t.done()) throw new Error(`trailing tokens: ${t.peek()}`);
  return result;
}

/** A Kusto scalar type, as the language service names it. */
export type KqlType = 'string' | 'guid' | 'real' | 'int' | 'long' | 'datetime' | 'bool' | 'dynamic';

/** The type Microsoft's parser resolves for an operand expression (a column, `column_ifexists(...)`, `toint(...)`) of a table. */
export type KqlTypeOf = (table: string, expression: string) => KqlType;

/** One row a leg returns: its table and the denied calls it counts. */
export interface KqlRow {
  readonly table: string;
  readonly DeniedCalls: number;
  readonly row: Json;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The rows the denied-calls query returns from sample tables, evaluated with Kusto's semantics for
 * the only forms it uses: `union isfuzzy=true` (a missing table is skipped; an empty `datatable`
 * leg), `T | where p and ... | project TimeGenerated, DeniedCalls = 1 | tolong(C)`, and predicates
 * `col =~|==|!= "s"`, `col in|in~ ("a", ...)` on strings (`~`: case-insensitive),
 * `[coalesce(]column_ifexists("c", guid(null)), ...[)] == toguid("g")` (null when a column is absent;
 * the first non-null; a guid equals only a guid), `tostring(dyn.a.b) =~ "s"` (a dynamic property, "" when absent),
 * `toint(col) in (n, ...)` (truncation; null matches nothing). Every operand's type
 * comes from `typeOf` (the parser), and a sample value that does not have that type throws.
 */
export function kqlRows(query: string, tables: Readonly<Record<string, readonly Json[]>>, typeOf: KqlTypeOf): KqlRow[] {
  const t = new Tokens(tokenize(query, /^(?:"(?:[^"\\]|\\.)*"|==|!=|=~|in~|[(),|=:[\]]|[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*|-?\d+)/));
  t.expect('union');
  t.expect('isfuzzy');
  t.expect('=');
  if (t.next() !== 'true') throw new Error('expected isfuzzy=true');
  const out: KqlRow[] = [];
  do {
    t.expect('(');
    const table = t.next();
    if (table === 'datatable') {
      // `datatable(Col: type, ...) []`: the empty leg that always resolves.
      t.expect('(');
      while (t.peek() !== ')') t.next();
      t.expect(')');
      t.expect('[');
      t.expect(']');
      t.expect(')');
      continue;
    }
    t.expect('|');
    t.expect('where');
    const conditions: ((row: Json) => boolean)[] = [];
    do conditions.push(predicate(t, table, typeOf));
    while (t.peek() === 'and' && t.next());
    t.expect('|');
    t.expect('project');
    t.expect('TimeGenerated');
    t.expect(',');
    t.expect('DeniedCalls');
    t.expect('=');
    const count = countOf(t, table, typeOf);
    t.expect(')');
    for (const row of tables[table] ?? []) if (conditions.every((c) => c(row))) out.push({ table, DeniedCalls: count(row), row });
  } while (t.peek() === ',' && t.next());
  if (!t.done()) throw new Error(`trailing tokens: ${t.peek()}`);
  return out;
}

/** A sample value as Kusto holds it in a column of `type`: null when absent; a value of another type throws. */
function typed(value: unknown, type: KqlType, column: string): string | number | null {
  if (value === undefined || value === null) return type === 'string' ? '' : null; // Kusto strings are never null
  const wrong = () => new Error(`sample value ${JSON.stringify(value)} of ${column} is not a Kusto ${type}`);
  switch (type) {
    case 'string':
      if (typeof value !== 'string') throw wrong();
      return value;
    case 'guid':
      if (typeof value !== 'string' || !GUID.test(value)) throw wrong();
      return value.toLowerCase();
    case 'real':
    case 'int':
    case 'long':
      if (typeof value !== 'number') throw wrong();
      return value;
    default:
      throw new Error(`${column}: no predicate of this interpreter compares a ${type}`);
  }
}

function stringLiterals(t: Tokens): string[] {
  const values: string[] = [];
  t.expect('(');
  do values.push(stringLiteral(t.next()));
  while (t.peek() === ',' && t.next());
  t.expect(')');
  return values;
}

function stringLiteral(token: string): string {
  if (!token.startsWith('"')) throw new Error(`expected a string literal, got ${token}`);
  return JSON.parse(token) as string;
}

function predicate(t: Tokens, table: string, typeOf: KqlTypeOf): (row: Json) => boolean {
  const head = t.next();
  if (head === 'column_ifexists' || head === 'coalesce') {
    // [coalesce(] column_ifexists("c", guid(null)), ... [)] == toguid("g")
    const columns: string[] = [];
    const one = () => {
      t.expect('(');
      columns.push(stringLiteral(t.next()));
      t.expect(',');
      t.expect('guid');
      t.expect('(');
      t.expect('null');
      t.expect(')');
      t.expect(')');
    };
    if (head === 'coalesce') {
      t.expect('(');
      do {
        t.expect('column_ifexists');
        one();
      } while (t.peek() === ',' && t.next());
      t.expect(')');
    } else one();
    t.expect('==');
    t.expect('toguid');
    t.expect('(');
    const literal = stringLiteral(t.next());
    t.expect(')');
    for (const column of columns) {
      const type = typeOf(table, `column_ifexists(${JSON.stringify(column)}, guid(null))`);
      if (type !== 'guid') throw new Error(`column_ifexists(${column}) is ${type}, compared with a guid`);
    }
    const wanted = GUID.test(literal) ? literal.toLowerCase() : null; // toguid of a non-guid is null
    return (row) => {
      // coalesce: the first non-null value
      const value = columns.map((c) => typed(row[c], 'guid', c)).find((v) => v !== null) ?? null;
      return wanted !== null && value === wanted;
    };
  }
  if (head === 'tostring') {
    // tostring(C.a.b) =~ "x": a property of a dynamic column, as a string ("" when absent).
    t.expect('(');
    const [column, ...path] = t.next().split('.');
    t.expect(')');
    t.expect('=~');
    const literal = stringLiteral(t.next());
    const type = typeOf(table, column);
    if (type !== 'dynamic') throw new Error(`tostring(${column}...) of a ${type}`);
    return (row) => {
      const v = path.reduce<unknown>((x, k) => (x && typeof x === 'object' ? (x as Json)[k] : undefined), row[column]);
      if (v !== undefined && v !== null && typeof v !== 'string') throw new Error(`sample ${column}.${path.join('.')} is not a string`);
      return String(v ?? '').toLowerCase() === literal.toLowerCase();
    };
  }
  if (head === 'toint') {
    t.expect('(');
    const column = t.next();
    t.expect(')');
    t.expect('in');
    const values: number[] = [];
    t.expect('(');
    do values.push(Number(t.next()));
    while (t.peek() === ',' && t.next());
    t.expect(')');
    const type = typeOf(table, column);
    if (!['real', 'int', 'long'].includes(type)) throw new Error(`toint(${column}) of a ${type}`);
    return (row) => {
      const v = typed(row[column], type, column) as number | null;
      return v !== null && values.includes(Math.trunc(v));
    };
  }
  const column = head;
  const op = t.next();
  const type = typeOf(table, column);
  if (type !== 'string') throw new Error(`${column} is a ${type}: the interpreter compares only strings with ${op}`);
  const values = op === 'in' || op === 'in~' ? stringLiterals(t) : [stringLiteral(t.next())];
  const ci = (s: string) => s.toLowerCase();
  return (row) => {
    const v = typed(row[column], 'string', column) as string;
    switch (op) {
      case '==':
        return v === values[0];
      case '!=':
        return v !== values[0];
      case '=~':
        return ci(v) === ci(values[0]);
      case 'in':
        return values.includes(v);
      case 'in~':
        return values.some((x) => ci(x) === ci(v));
      default:
        throw new Error(`unsupported operator ${op}`);
    }
  };
}

function countOf(t: Tokens, table: string, typeOf: KqlTypeOf): (row: Json) => number {
  const head = t.next();
  if (head === '1') return () => 1;
  if (head !== 'tolong') throw new Error(`unsupported count ${head}`);
  t.expect('(');
  const column = t.next();
  t.expect(')');
  const type = typeOf(table, column);
  return (row) => Number(typed(row[column], type, column) ?? 0);
}
