// The one error type of configuration: which source was wrong, where in it, and why.

export interface ConfigIssue {
  /** Dot path of the field, e.g. `devices.receiptPrinter.port`; empty when the whole source is at fault. */
  path: string;
  reason: string;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  /** The file path, or a label such as "central overrides". */
  readonly source: string;
  readonly issues: readonly ConfigIssue[];

  constructor(source: string, issues: readonly ConfigIssue[]) {
    const detail = issues.map((issue) => (issue.path ? `${issue.path}: ${issue.reason}` : issue.reason)).join('; ');
    super(`${source}: ${detail}`);
    this.source = source;
    this.issues = issues;
  }
}

/** One line for stderr; the caller decides the exit code. */
export function formatConfigError(error: ConfigError): string {
  return `invalid configuration: ${error.message}`.replace(/\s*[\r\n]+\s*/g, ' ');
}
