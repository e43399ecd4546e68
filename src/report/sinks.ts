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
