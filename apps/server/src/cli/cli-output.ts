/** Where the CLI writes: stdout for results, stderr for problems (no console in this codebase). */
export interface CliOutput {
  info(line: string): void;
  error(line: string): void;
}

export const processOutput: CliOutput = {
  info: (line) => {
    process.stdout.write(`${line}\n`);
  },
  error: (line) => {
    process.stderr.write(`${line}\n`);
  },
};
