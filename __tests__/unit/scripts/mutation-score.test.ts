import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scorePerFolder } from '../../../scripts/mutation.ts';

const mutants = (...statuses: string[]) => ({ mutants: statuses.map((status) => ({ status })) });

describe('scorePerFolder (npm run mutation)', () => {
  it('groups files by their folder under src/, sorted by name', () => {
    const scores = scorePerFolder({
      files: {
        'src/signatures/payload.ts': mutants('Killed'),
        'src/registry/http.ts': mutants('Killed', 'Survived'),
        'src/registry/retry.ts': mutants('Killed', 'Killed'),
      },
    });
    assert.deepEqual(
      scores.map(({ folder, detected, undetected }) => [folder, detected, undetected]),
      [
        ['src/registry', 3, 1],
        ['src/signatures', 1, 0],
      ],
    );
    assert.equal(scores[0]?.score, 75);
  });

  it("counts a timeout as detected, an uncovered mutant as undetected, and leaves invalid mutants out, as Stryker's score does", () => {
    const [score] = scorePerFolder({
      files: {
        'src/github/context.ts': mutants('Timeout', 'NoCoverage', 'CompileError', 'RuntimeError', 'Ignored'),
      },
    });
    assert.deepEqual(score, { folder: 'src/github', detected: 1, undetected: 1, score: 50 });
  });
});
