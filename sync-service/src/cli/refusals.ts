import { AppError, type Message } from '../errors.js';

/** Prints each refused line of an all-or-nothing file and the summary; true when the file was refused (exit code 1). */
export function printRejectedLines(rejected: ReadonlyArray<{ line: number; field: string; messages: Message }>, lines: number): boolean {
  for (const r of rejected) console.log(`line ${r.line} (${r.field}): ${r.messages.fr} / ${r.messages.en}`);
  if (rejected.length === 0) return false;
  console.log(`${new Set(rejected.map((r) => r.line)).size} of ${lines} line(s) rejected: nothing imported`);
  process.exitCode = 1;
  return true;
}

/** A refusal of the whole file (an `AppError`) is printed and ends the process with 1; anything else is rethrown. */
export function exitOnRefusal(before: () => void): (error: unknown) => never {
  return (error) => {
    before();
    if (!(error instanceof AppError)) throw error;
    console.log(`${error.messages.fr} / ${error.messages.en}`);
    process.exit(1);
  };
}
