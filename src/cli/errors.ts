// One error-reporting convention for every command: a single line "radiomics: <input>: <problem>" on
// stderr, a non-zero exit code (1 failure, 2 usage), and the stack trace only with --verbose.
import { InputError } from '../io/errors.js';

/** Bad command-line usage (missing/invalid option values): exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The one-line message. `input` names the file an error without its own subject refers to. */
export function errorLine(err: unknown, input?: string): string {
  if (err instanceof InputError) return `radiomics: ${err.input}: ${firstLine(err.problem)}`;
  const message = firstLine(err instanceof Error ? err.message : String(err));
  // messages that already start with their subject ("mask: ...", "binWidth: ...") are kept as they are
  const named = /^[\w.\-/\\ ()[\]]+: /.test(message);
  return `radiomics: ${input && !named ? `${input}: ` : ''}${message}`;
}

function firstLine(text: string): string {
  return text.split('\n')[0].trim() || 'unknown error';
}

export interface ReportOptions {
  verbose?: boolean;
  input?: string;
  /** Where the line goes (default: process.stderr). */
  write?: (text: string) => void;
}

/** Prints the error line (and the stack with verbose) and sets process.exitCode. */
export function reportError(err: unknown, options: ReportOptions = {}): void {
  const write = options.write ?? ((t: string) => process.stderr.write(t));
  write(errorLine(err, options.input) + '\n');
  if (options.verbose && err instanceof Error && err.stack) write(err.stack + '\n');
  process.exitCode = err instanceof UsageError ? 2 : 1;
}

/**
 * Wraps a commander action so any error becomes one reported line. `input` picks the file to name for
 * errors that do not name their own subject; verbose follows a --verbose flag on the command line.
 */
export function withErrorReporting<A extends unknown[]>(action: (...args: A) => unknown, input?: (...args: A) => string | undefined): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await action(...args);
    } catch (err) {
      reportError(err, { verbose: process.argv.includes('--verbose') || process.argv.includes('-v'), input: input?.(...args) });
    }
  };
}

/** Parses a positive integer option value or throws a UsageError naming the option. */
export function positiveInteger(option: string, value: string): number {
  const n = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(n) || n < 1) throw new UsageError(`${option}: "${value}" is not a positive integer`);
  return n;
}
