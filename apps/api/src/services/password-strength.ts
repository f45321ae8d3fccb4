// Password strength by zxcvbn with its common and English dictionaries (issue 13, item 4).
// Building the estimator loads the dictionaries (~250 ms), so it is built once per process, on
// the first password that needs judging — never on log-in, which only verifies a hash.
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';
import {
  passwordProblem,
  personalFragments,
  strengthProblem,
  type PasswordOwner,
} from '@twinning/core/accounts/credentials';

let estimator: ZxcvbnFactory | undefined;

function zxcvbn(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    translations: english.translations,
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...english.dictionary },
  });
  return estimator;
}

/**
 * Why `password` may not be used by `owner` (too short or long, contains their email or name,
 * too easy to guess), or undefined. The owner's email and name also count as dictionary words.
 */
export function weakPasswordProblem(password: string, owner: PasswordOwner): string | undefined {
  const plain = passwordProblem(password, owner);
  if (plain) return plain;
  const result = zxcvbn().check(password, personalFragments(owner));
  return strengthProblem({
    score: result.score,
    warning: result.feedback.warning,
    suggestions: result.feedback.suggestions,
  });
}
