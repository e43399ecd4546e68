import * as core from '@actions/core';

/** Where outputs and the summary go: the runner's files, or the terminal for the CLI. */
export interface ReportSink {
  write(outputs: Readonly<Record<string, string>>, summaryMarkdown: string): Promise<void>;
}

/** The runner protocol: GITHUB_OUTPUT and GITHUB_STEP_SUMMARY. */
export const actionsSink: ReportSink = {
  async write(outputs, summaryMarkdown) {
    for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value);
    if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(summaryMarkdown).write();
  },
};

/** Outside Actions: the summary for people on stderr, the outputs as one JSON object on stdout. */
export const cliSink: ReportSink = {
  async write(outputs, summaryMarkdown) {
    process.stderr.write(`\n${summaryMarkdown}\n`);
    process.stdout.write(`${JSON.stringify(outputs, null, 2)}\n`);
  },
};
