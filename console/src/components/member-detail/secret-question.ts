import { html, nothing } from 'lit';
import { msg } from '@lit/localize';
import { errorId, fieldError, invalid } from '../field-error/field-error.js';

/**
 * R16 (Geneva; decision 0049): the secret question is chosen with its answer, from the questions
 * offered here or typed (a `datalist`: the field takes any text). The answer is never shown back.
 */
export function suggestedSecretQuestions(): string[] {
  return [
    msg('Quel est le nom de votre premier animal de compagnie ?', { id: 'secret.q.pet' }),
    msg('Dans quelle ville êtes-vous né·e ?', { id: 'secret.q.town' }),
    msg('Quel était le nom de votre école primaire ?', { id: 'secret.q.school' }),
    msg('Quel est votre plat préféré ?', { id: 'secret.q.dish' }),
    msg("Quel est le prénom de votre meilleur·e ami·e d'enfance ?", { id: 'secret.q.friend' }),
  ];
}

/** The question (offered or typed) and its answer; `current`: the question on file, shown in the field. */
export function secretQuestionFields(error: unknown, current: string | null, answerHint: string) {
  const describedQuestion = [errorId(error, 'secretQuestion'), 'secretQuestion-hint'].filter(Boolean).join(' ');
  const describedAnswer = [errorId(error, 'secretAnswer'), 'secretAnswer-hint'].filter(Boolean).join(' ');
  return html`<div class="field">
      <label for="secretQuestion">${msg('Question secrète', { id: 'secret.question' })}</label>
      <input
        type="text"
        id="secretQuestion"
        name="secretQuestion"
        list="secret-questions"
        maxlength="200"
        autocomplete="off"
        .value=${current ?? ''}
        aria-invalid=${invalid(error, 'secretQuestion')}
        aria-describedby=${describedQuestion}
      />
      <datalist id="secret-questions">${suggestedSecretQuestions().map((question) => html`<option value=${question}></option>`)}</datalist>
      <p class="hint" id="secretQuestion-hint">${msg('Choisissez une question proposée ou écrivez la vôtre.', { id: 'secret.question.hint' })}</p>
      ${fieldError(error, 'secretQuestion', 'secretQuestion-error')}
    </div>
    <div class="field">
      <label for="secretAnswer">${msg('Réponse secrète', { id: 'activation.answer' })}</label>
      <input
        type="text"
        id="secretAnswer"
        name="secretAnswer"
        maxlength="200"
        autocomplete="off"
        aria-invalid=${invalid(error, 'secretAnswer')}
        aria-describedby=${describedAnswer || nothing}
      />
      <p class="hint" id="secretAnswer-hint">${answerHint}</p>
      ${fieldError(error, 'secretAnswer', 'secretAnswer-error')}
    </div>`;
}
