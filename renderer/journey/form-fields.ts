// The form as the journey fills it: which fields the Node side fills (locked prefill), which the citizen types, and
// what goes to `transaction.submit`.
import type { ItemForm, ScreenFormField } from '../../contracts/kiosk-api';
import { type FieldProblem, type FieldValue, fieldProblem, submittedValue } from './field-rules';
import type { JourneyState, Prefill } from './journey-state';

export function prefillOf(state: JourneyState): Prefill | undefined {
  return typeof state.prefill === 'object' && state.prefill.code === state.form?.code ? state.prefill : undefined;
}

export function isLocked(state: JourneyState, field: ScreenFormField): boolean {
  return prefillOf(state)?.fields[field.name]?.locked === true;
}

/**
 * An unlocked prefilled value the citizen has left as it was (a phone number from shared data): the screen has only
 * its masked display, so it goes `fromSession` (the Node side holds the real value) and is not checked as typed.
 */
export function keptFromPrefill(state: JourneyState, field: ScreenFormField): boolean {
  const given = prefillOf(state)?.fields[field.name];
  return given !== undefined && !given.locked && state.values[field.name] === given.display;
}

/** The first field with a problem, and each field's problem, counting only fields the citizen fills. */
export function formProblems(state: JourneyState, form: ItemForm): Map<string, FieldProblem> {
  const problems = new Map<string, FieldProblem>();
  for (const field of form.fields) {
    if (isLocked(state, field) || keptFromPrefill(state, field)) continue;
    const problem = fieldProblem(field, state.values[field.name]);
    if (problem) problems.set(field.name, problem);
  }
  return problems;
}

/** Materials that shared data or an e-licence covers for this person: nothing to scan. */
export function coveredMaterials(state: JourneyState): Set<string> {
  return new Set(prefillOf(state)?.materialsFromSharedData ?? []);
}

export function submission(state: JourneyState, form: ItemForm) {
  const values: Record<string, string | number | boolean> = {};
  const fromSession: string[] = [];
  for (const field of form.fields) {
    if (isLocked(state, field) || keptFromPrefill(state, field)) {
      fromSession.push(field.name);
      continue;
    }
    const value: FieldValue = state.values[field.name];
    if (value !== undefined && value !== '') values[field.name] = submittedValue(field, value);
  }
  const covered = form.materials.map((m) => m.code).filter((code) => coveredMaterials(state).has(code));
  return { form: values, fromSession, materialsFromSharedData: covered };
}
