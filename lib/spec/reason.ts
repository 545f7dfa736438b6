/**
 * The length of a reason (a suppression's, a monitoring opt-out's) as a reader sees it: only
 * letters, digits, punctuation and symbols count. Spaces, zero-width and other format
 * characters (U+200B, U+2060, U+FEFF, bidi controls), control characters and lone combining
 * marks count nothing, so ten invisible characters never pass for a reason.
 */
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/gu;

/** How many visible characters `text` holds. */
export function visibleLength(text: string): number {
  return text.match(VISIBLE)?.length ?? 0;
}
