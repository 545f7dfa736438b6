/**
 * Terraform template escapes in literal strings: Terraform reads `${` and `%{` in a string as
 * an expression or a directive, `$${` and `%%{` as the text `${` and `%{`.
 */

/**
 * Escapes the template sequences of a literal, leaving cdktf tokens (`${TfToken[...]}`, which
 * resolve to references at synth) and already escaped `$${` intact.
 */
export function escapeTemplate(value: string): string {
  // In a replacement string `$$` stands for one `$`: '$$$${' writes `$${`.
  return value.replace(/(?<!\$)\$\{(?!TfToken\[)/g, '$$$${').replace(/%\{/g, '%%{');
}

/** Reads an escaped literal back (`$${` → `${`, `%%{` → `%{`). */
export function unescapeTemplate(value: string): string {
  return value.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
}
