/** A path into the config, as keys and array indexes. */
export type ConfigPath = readonly (string | number)[];

/** One problem with the config, at a path. */
export interface ConfigProblem {
  readonly path: ConfigPath;
  readonly message: string;
  /** 1-based line in the file, where known. */
  readonly line?: number;
}

/** Renders a path as `workloads.deployer.access[0].allow[1]`. */
export function formatPath(path: ConfigPath): string {
  return path.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${part}` : part), '') || '(root)';
}

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
        problems.map((p) => `  ${p.line ? `line ${p.line}: ` : ''}${formatPath(p.path)}: ${p.message}`).join('\n'),
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
