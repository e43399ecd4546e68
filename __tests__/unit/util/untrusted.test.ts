import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { escapeUntrusted, quoteUntrusted, toLogText } from '../../../src/util/untrusted.ts';
import { commandLines } from '../../harness/workflow-commands.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

function commandLinesOf(text: string): string[] {
  return commandLines(text).map((command) => command.line);
}

const HOSTILE = [
  '\n::error::pwned',
  '::set-output name=x::y',
  '::add-mask::secret',
  '%0A::warning::w',
  'x\r::stop-commands::token',
  '  ::notice::indented',
  '\u00a0::error::after a no-break space',
  'plain ##[error]legacy form',
  'a\u2028b\u202eevil\u0007\u001b[31m',
];

describe('escapeUntrusted', () => {
  it('keeps ordinary names as they are', () => {
    assert.equal(escapeUntrusted('ghcr.io/acme/app:v1@sha256:abc'), 'ghcr.io/acme/app:v1@sha256:abc');
    assert.equal(escapeUntrusted('linux/arm64/v8'), 'linux/arm64/v8');
  });

  it('shows CR, LF and TAB as \\r \\n \\t, and other controls as \\uXXXX', () => {
    assert.equal(escapeUntrusted('a\nb\rc\td'), 'a\\nb\\rc\\td');
    assert.equal(escapeUntrusted('\u001b[31m\u0000\u2028\u202e'), '\\u001b[31m\\u0000\\u2028\\u202e');
  });

  it('doubles backslashes, so an escape shown can only come from a real character', () => {
    assert.equal(escapeUntrusted('a\\nb'), 'a\\\\nb');
  });

  it('breaks a leading :: and every ##[', () => {
    assert.equal(escapeUntrusted('::error::x'), '\\u003a:error::x');
    assert.equal(escapeUntrusted('  ::error::x'), '  \\u003a:error::x');
    assert.equal(escapeUntrusted('a ##[error]b'), 'a ##\\u005berror]b');
  });

  it('cuts long values and says how much was left out', () => {
    assert.equal(escapeUntrusted('x'.repeat(250)), `${'x'.repeat(200)}…(50 more characters)`);
    assert.equal(quoteUntrusted('abcdef', 3), "'abc…(3 more characters)'");
  });

  it('never yields a line break or a command, whatever it is given', () =>
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.constantFrom(...HOSTILE), fc.string({ unit: 'grapheme' })),
        (text) => {
          const escaped = escapeUntrusted(text);
          assert.doesNotMatch(escaped, /[\r\n\u2028\u2029\u0085]/);
          assert.deepEqual(commandLinesOf(escaped), []);
          assert.deepEqual(commandLinesOf(`prefix ${escaped}`), []);
        },
      ),
      { numRuns: RUNS },
    ));
});

describe('toLogText', () => {
  it('keeps our own line breaks and text', () => {
    assert.equal(
      toLogText('Public key:\n-----BEGIN PUBLIC KEY-----\nabc'),
      'Public key:\n-----BEGIN PUBLIC KEY-----\nabc',
    );
  });

  it('neutralises every hostile line a message quoted raw', () => {
    for (const hostile of HOSTILE) {
      const logged = toLogText(`signed ghcr.io/acme/app (${hostile})`);
      assert.deepEqual(commandLinesOf(logged), [], JSON.stringify(hostile));
    }
  });

  it('never lets a line run a command, whatever it is given', () =>
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.constantFrom(...HOSTILE))), (parts) => {
        assert.deepEqual(commandLinesOf(toLogText(parts.join(''))), []);
      }),
      { numRuns: RUNS },
    ));
});
