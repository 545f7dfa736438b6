import { shownName } from './echo';

/** A path into the config, as keys and array indexes. */
export type ConfigPath = readonly (string | number)[];

/** One problem with the config, at a path. */
export interface ConfigProblem {
  readonly path: ConfigPath;
  readonly message: string;
  /** 1-based line in the file, where known. */
  readonly line?: number;
}

/** Renders a path as `workloads.deployer.access[0].allow[1]`, each key cut short and made visible. */
export function formatPath(path: ConfigPath): string {
  return path.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${shownName(part)}` : shownName(part)), '') || '(root)';
}

/** Longest line of a printed problem, in characters: a backstop behind `shown` (echo.ts). */
export const MAX_PROBLEM_LINE = 400;
/** Most problems printed; the rest are counted. `problems` keeps them all. */
export const MAX_PRINTED_PROBLEMS = 100;

const line = (p: ConfigProblem) => {
  const text = `  ${p.line ? `line ${p.line}: ` : ''}${formatPath(p.path)}: ${p.message}`;
  return text.length > MAX_PROBLEM_LINE ? `${text.slice(0, MAX_PROBLEM_LINE - 1)}…` : text;
};

/**
 * Every problem found in a config file, reported at once. Thrown by the loader; the app
 * prints `message` and exits non-zero without a stack trace.
 */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly ConfigProblem[],
  ) {
    super(
      `${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'} in the config\n` +
        [
          ...problems.slice(0, MAX_PRINTED_PROBLEMS).map(line),
          ...(problems.length > MAX_PRINTED_PROBLEMS ? [`  and ${problems.length - MAX_PRINTED_PROBLEMS} more problems`] : []),
        ].join('\n'),
    );
    this.name = 'ConfigError';
  }
}

/** Collects problems while walking a config. */
export class Problems {
  private readonly list: ConfigProblem[] = [];

  add(path: ConfigPath, message: string): void {
    this.list.push({ path, message });
  }

  get all(): readonly ConfigProblem[] {
    return this.list;
  }
}
