/** The CLI in this process: runs `run` on the command line and sets the exit code. */
import { shouldUseColor } from '../report/color.js';
import { run } from './run.js';

const fail = (err: unknown): void => {
  // A bug of ours: one line, no stack trace unless asked for.
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`mermaid-lint: internal error: ${message.split('\n')[0]}\n`);
  if (process.env.MERMAID_LINT_DEBUG) process.stderr.write(`${(err as Error).stack}\n`);
  process.exitCode = 2;
};

export function start(): void {
  // A reader that goes away (`mermaid-lint … | head`) ends the run quietly, as other command-line tools do.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
      process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
    });
  }
  run(
    process.argv.slice(2),
    {
      stdout: (t) => process.stdout.write(t),
      stderr: (t) => process.stderr.write(t),
    },
    { color: shouldUseColor(process.stdout) },
  ).then((code) => {
    process.exitCode = code;
  }, fail);
}
