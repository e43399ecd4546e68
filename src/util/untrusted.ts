// Text from outside (registries, artifacts.json, provenance, policy files, annotations, the errors that
// quote them) must never become a workflow command. The runner reads its stdout and stderr line by line,
// a line ending at CR, LF or CRLF (.NET TextReader.ReadLine), and runs a line as a command when, after
// leading whitespace is trimmed, it starts with `::`, or when it holds `##[` anywhere (the legacy form):
// https://github.com/actions/runner/blob/main/src/Runner.Common/ActionCommand.cs (TryParseV2, TryParse).

/** How much of one untrusted value a message shows: enough to recognise it, never a flood. */
const MAX_SHOWN_CHARS = 200;

// C0 and C1 controls, DEL, and the invisible characters that reorder or hide text (bidi overrides and
// isolates, line and paragraph separators, zero-width characters, BOM).
// eslint-disable-next-line no-control-regex -- finding control characters is what it is for
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;
const NAMED_ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeCharacter(ch: string): string {
  return NAMED_ESCAPES[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** `##[` is a command wherever it is in a line; `##\u005b` reads the same to a person and to nobody else. */
function breakLegacyCommands(text: string): string {
  return text.replace(/##\[/g, '##\\u005b');
}

/** A line that would start with `::` once the runner trims it starts with `\u003a:` instead. */
function breakLeadingCommand(line: string): string {
  return line.replace(/^([\s\u0085]*):(?=:)/, '$1\\u003a');
}

/**
 * One untrusted value as one line of plain text: backslashes doubled, CR/LF/TAB shown as `\r` `\n` `\t`,
 * other controls and invisible characters as `\uXXXX`, `##[` and a leading `::` broken, and cut after
 * `maxChars` characters with a note of how many more there were.
 */
export function escapeUntrusted(text: string, maxChars = MAX_SHOWN_CHARS): string {
  const chars = [...text];
  const shown = chars.length > maxChars ? chars.slice(0, maxChars).join('') : text;
  const more = chars.length > maxChars ? `…(${chars.length - maxChars} more characters)` : '';
  const escaped = shown.replace(/\\/g, '\\\\').replace(INVISIBLE, escapeCharacter);
  return breakLeadingCommand(breakLegacyCommands(escaped)) + more;
}

/** Control and invisible characters shown as `\r` `\n` `\t` `\uXXXX`; for text escaped again after (markdown). */
export function escapeControls(text: string): string {
  return text.replace(INVISIBLE, escapeCharacter);
}

/** An untrusted value in single quotes, escaped, for a message: `'ghcr.io/acme/app:v1\n::error::x'`. */
export function quoteUntrusted(text: string, maxChars = MAX_SHOWN_CHARS): string {
  return `'${escapeUntrusted(text, maxChars)}'`;
}

/**
 * The last line of defence, for every message the action writes to the log: our own line breaks (LF)
 * are kept, and no line can run a command, whatever a message quoted without escaping it.
 */
export function toLogText(message: string): string {
  return message
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => breakLeadingCommand(breakLegacyCommands(escapeControls(line))))
    .join('\n');
}
