import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SignerError } from '../../../src/errors.ts';
import { MAX_POLICY_BYTES, readPolicyText } from '../../../src/provenance/policy-file.ts';

const POLICY = 'images:\n  rancher/fleet-agent:\n    source-repository: rancher/fleet\n';

const root = mkdtempSync(join(tmpdir(), 'rs-policy-file-'));
const workspace = join(root, 'workspace');
mkdirSync(join(workspace, '.github', 'folder.yml'), { recursive: true });
writeFileSync(join(workspace, '.github', 'provenance.yml'), POLICY);
writeFileSync(join(workspace, 'provenance-policy'), POLICY);
writeFileSync(join(workspace, 'huge.yml'), `# ${'x'.repeat(MAX_POLICY_BYTES)}\n`);
writeFileSync(join(root, 'outside.yml'), POLICY);
symlinkSync(join(workspace, '.github', 'provenance.yml'), join(workspace, 'linked.yml'));

const refusalOf = (value: string): string => {
  try {
    readPolicyText(value, workspace);
  } catch (err) {
    assert.ok(err instanceof SignerError && err.code === 'INPUT_INVALID', String(err));
    return err.message;
  }
  assert.fail(`${value} was read`);
};

describe('readPolicyText (the provenance-policy input)', () => {
  describe('takes inline policy as given', () => {
    const inline: [string, string][] = [
      ['nothing', ''],
      ['blanks', '  \n'],
      ['YAML over several lines, even one line of it a file name', `.github/provenance.yml\n${POLICY}`],
      ['one line of flow YAML', 'images: {rancher/fleet-agent: {source-repository: rancher/fleet}}'],
      ['JSON, even ending like a file name', '{"images": {}, "note": "x.yml"}'],
      [
        'YAML over several lines whose last line ends like a file name',
        'repositories:\n  rancher/fleet:\n    workflows:\n      - release.yml',
      ],
      [
        'one line naming a file inside',
        'images: {rancher/legacy: {skip: "built by the legacy.yml pipeline"}}',
      ],
    ];
    for (const [what, value] of inline) it(what, () => assert.equal(readPolicyText(value, workspace), value));
  });

  describe('reads a file inside the workspace', () => {
    const files: [string, string][] = [
      ['by relative path', '.github/provenance.yml'],
      ['with blanks around the path', '  .github/provenance.yml \n'],
      ['by absolute path', join(workspace, '.github', 'provenance.yml')],
      ['named without a policy extension, when it exists', 'provenance-policy'],
      ['through a symlink that stays inside', 'linked.yml'],
    ];
    for (const [what, value] of files) it(what, () => assert.equal(readPolicyText(value, workspace), POLICY));
  });

  describe('refuses, naming the input and what to give instead', () => {
    const refused: [string, string, RegExp][] = [
      ['a policy file that does not exist', 'missing.yml', /'missing\.yml' is not a file in the workspace/],
      [
        'one whose extension is in capitals',
        'MISSING.YAML',
        /'MISSING\.YAML' is not a file in the workspace/,
      ],
      ['a JSON one', 'missing.json', /'missing\.json' is not a file in the workspace/],
      ['a file outside the workspace', '../outside.yml', /'\.\.\/outside\.yml' is outside the workspace /],
      ['the workspace itself', '.', /'\.' is outside the workspace/],
      ['a folder', '.github/folder.yml', /'\.github\/folder\.yml' is not a file\./],
      [
        'a file larger than the cap',
        'huge.yml',
        new RegExp(`'huge\\.yml' is larger than ${MAX_POLICY_BYTES} bytes`),
      ],
    ];
    for (const [what, value, why] of refused) {
      it(what, () => {
        const message = refusalOf(value);
        assert.match(message, /^Input 'provenance-policy': /);
        assert.match(message, why);
        assert.match(
          message,
          /Give the path of a policy file inside the workspace \(the repository\), or the policy inline$/,
        );
      });
    }
  });

  it('reads a policy file of exactly the cap', () => {
    const text = `#${'x'.repeat(MAX_POLICY_BYTES - 2)}\n`;
    writeFileSync(join(workspace, 'at-cap.yml'), text);
    assert.equal(readPolicyText('at-cap.yml', workspace), text);
  });
});
