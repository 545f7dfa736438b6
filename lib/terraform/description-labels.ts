/**
 * The labels a GCP service account carries at the end of its description, `<text> [k=v k=v]`:
 * service accounts take no labels, so the description holds the tags AWS and Azure identities
 * carry. Keys are `[a-z][a-z0-9_-]*`; a value holds no `=`, `[`, `]` or line break, and may
 * hold spaces (an owner such as `platform team`).
 */

const KEY = /^[a-z][a-z0-9_-]*$/;
const VALUE = /^[^=[\]\n\r]*$/;
const TRAILING_LIST = /\[([^[\]]*)\]$/;

/** `text` (cut to fit `maxLength` whole) followed by ` [labels]`; throws on a label the list cannot hold. */
export function formatLabelledDescription(text: string, labels: Readonly<Record<string, string>>, maxLength: number): string {
  for (const [k, v] of Object.entries(labels)) {
    if (!KEY.test(k) || !VALUE.test(v)) throw new Error(`a description cannot carry the label ${JSON.stringify(`${k}=${v}`)}`);
  }
  const list = Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(' ');
  return `${text.slice(0, maxLength - list.length - 3)} [${list}]`;
}

/** The labels a description ends with, or undefined when it does not end with a label list. */
export function parseDescriptionLabels(description: unknown): Record<string, string> | undefined {
  const match = typeof description === 'string' ? TRAILING_LIST.exec(description) : null;
  if (!match) return undefined;
  const labels: Record<string, string> = {};
  for (const pair of match[1] ? match[1].split(/ (?=[a-z][a-z0-9_-]*=)/) : []) {
    const at = pair.indexOf('=');
    const [key, value] = [pair.slice(0, at), pair.slice(at + 1)];
    if (at < 0 || !KEY.test(key) || !VALUE.test(value) || Object.hasOwn(labels, key)) return undefined;
    labels[key] = value;
  }
  return labels;
}
