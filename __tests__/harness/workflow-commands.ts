// What the runner would execute from a step's output (actions/runner ActionCommand.cs): a line ends at
// CR, LF or CRLF; `::name…::` counts once leading whitespace is trimmed, `##[name…]` anywhere in a line.

export interface CommandLine {
  readonly name: string;
  readonly line: string;
}

/** Every line of `text` the runner would treat as a workflow command, with the command's name. */
export function commandLines(text: string): CommandLine[] {
  const found: CommandLine[] = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    const trimmed = line.trimStart();
    if (trimmed.startsWith('::')) found.push({ name: /^::([^\s:]*)/.exec(trimmed)?.[1] ?? '', line });
    else if (line.includes('##[')) found.push({ name: `##[${/##\[([^\s\]]*)/.exec(line)?.[1] ?? ''}`, line });
  }
  return found;
}

/** The data of a `::name::data` line, unescaped as the runner does (%25 %0D %0A). */
export function commandData(line: string): string {
  const data = line.trimStart().replace(/^::[^:]*::/, '');
  return data.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}
