import { ConfigError } from '../../lib/spec/config-error';
import { parseSpec } from '../../lib/config/load';

/** The problem lines the loader prints for a config (none when it loads). */
export function printedProblems(text: string): string[] {
  try {
    parseSpec(text, 'identity.yaml');
  } catch (err) {
    if (err instanceof ConfigError) return err.message.split('\n').slice(1);
    throw err;
  }
  return [];
}
