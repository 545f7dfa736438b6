/**
 * Small, faithful evaluators for the subset of each log language this project emits, so tests
 * can match the synthesized filters and queries against sample log entries:
 * - CloudWatch Logs JSON filter patterns: `{ ... }` with `$.path = "value*"`, `!=`, `&&`, `||`, parentheses;
 * - Cloud Logging query language: `field="v"`, `field!=v`, `field:"substring"`, `AND`, `OR`, parentheses;
 * - KQL: `union isfuzzy=true (Table | where a and b), ...` with `==`, `!=`, `=~`, `in`, `in~`.
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

/** The rows a KQL `union` of `where` branches returns from the given tables (missing tables skipped only with isfuzzy). */
export function kqlRows(query: string, tables: Readonly<Record<string, readonly Json[]>>): Json[] {
  const t = new Tokens(tokenize(query, /^(?:"(?:[^"\\]|\\.)*"|==|!=|=~|in~|\bin\b|\band\b|[(),|=]|[A-Za-z_][A-Za-z0-9_]*|-?\d+)/));
  t.expect('union');
  let fuzzy = false;
  if (t.peek() === 'isfuzzy') {
    t.next();
    t.expect('=');
    fuzzy = t.next() === 'true';
  }
  const rows: Json[] = [];
  do {
    t.expect('(');
    const table = t.next();
    t.expect('|');
    t.expect('where');
    const conditions: ((row: Json) => boolean)[] = [];
    do {
      const column = t.next();
      const op = t.next();
      const values: (string | number)[] = [];
      if (op === 'in' || op === 'in~') {
        t.expect('(');
        do values.push(literal(t.next()));
        while (t.peek() === ',' && t.next());
        t.expect(')');
      } else {
        values.push(literal(t.next()));
      }
      conditions.push((row) => compare(row[column], op, values));
    } while (t.peek() === 'and' && t.next());
    t.expect(')');
    const source = tables[table];
    if (!source && !fuzzy) throw new Error(`table ${table} does not exist`);
    rows.push(...(source ?? []).filter((row) => conditions.every((c) => c(row))));
  } while (t.peek() === ',' && t.next());
  if (!t.done()) throw new Error(`trailing tokens: ${t.peek()}`);
  return rows;
}

function literal(token: string): string | number {
  if (token.startsWith('"')) return JSON.parse(token) as string;
  if (/^-?\d+$/.test(token)) return Number(token);
  throw new Error(`expected a literal, got ${token}`);
}

function compare(actual: unknown, op: string, values: (string | number)[]): boolean {
  const ci = (v: unknown) => String(v).toLowerCase();
  switch (op) {
    case '==':
      return actual === values[0];
    case '!=':
      return actual !== values[0];
    case '=~':
      return actual !== undefined && ci(actual) === ci(values[0]);
    case 'in':
      return values.includes(actual as string | number);
    case 'in~':
      return actual !== undefined && values.some((v) => ci(v) === ci(actual));
    default:
      throw new Error(`unsupported operator ${op}`);
  }
}
