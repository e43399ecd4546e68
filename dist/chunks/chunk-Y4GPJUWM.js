import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);

// src/util/untrusted.ts
var MAX_SHOWN_CHARS = 200;
var INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;
var NAMED_ESCAPES = { "\n": "\\n", "\r": "\\r", "	": "\\t" };
function escapeCharacter(ch) {
  return NAMED_ESCAPES[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`;
}
function breakLegacyCommands(text) {
  return text.replace(/##\[/g, "##\\u005b");
}
function breakLeadingCommand(line) {
  return line.replace(/^([\s\u0085]*):(?=:)/, "$1\\u003a");
}
function escapeUntrusted(text, maxChars = MAX_SHOWN_CHARS) {
  const chars = [...text];
  const shown = chars.length > maxChars ? chars.slice(0, maxChars).join("") : text;
  const more = chars.length > maxChars ? `\u2026(${chars.length - maxChars} more characters)` : "";
  const escaped = shown.replace(/\\/g, "\\\\").replace(INVISIBLE, escapeCharacter);
  return breakLeadingCommand(breakLegacyCommands(escaped)) + more;
}
function escapeControls(text) {
  return text.replace(INVISIBLE, escapeCharacter);
}
function quoteUntrusted(text, maxChars = MAX_SHOWN_CHARS) {
  return `'${escapeUntrusted(text, maxChars)}'`;
}
function toLogText(message) {
  return message.replace(/\r\n?/g, "\n").split("\n").map((line) => breakLeadingCommand(breakLegacyCommands(escapeControls(line)))).join("\n");
}

export {
  escapeUntrusted,
  escapeControls,
  quoteUntrusted,
  toLogText
};
