/**
 * Escaping for every format a wiring snippet is written in, so that no config value (a
 * Kubernetes namespace, a GitHub environment, a Terraform Cloud workspace: free text) can break
 * out of its place. YAML and JSON are written with their serializers, never by concatenation.
 * No config value holds `${` (lib/spec/cdktf-token-syntax.ts and the subject checks refuse it),
 * so none can open a GitHub Actions expression (`${{`) in a workflow value.
 */

/** One shell word: `'…'`, a `'` inside written as `'\''` (POSIX sh, Shell Command Language 2.2.2). */
export function shellWord(value: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** A shell command line from words; words given as `{ raw }` are already shell text (a `"$(…)"` substitution). */
export function shellCommand(words: readonly (string | { readonly raw: string })[]): string {
  return words.map((w) => (typeof w === 'string' ? shellWord(w) : w.raw)).join(' ');
}

/**
 * A string literal inside a GitHub Actions expression: single-quoted, `'` doubled
 * (https://docs.github.com/en/actions/reference/evaluate-expressions-in-workflows-and-actions#literals).
 */
export function githubStringLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** A fenced Markdown code block whose fence is longer than any run of backticks in `text`. */
export function markdownFence(text: string, language: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language}\n${text.replace(/\n?$/, '\n')}${fence}`;
}
