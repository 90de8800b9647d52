// Proactive suggestions (无感审批) from the demo population: rules on what the platform knows of a person propose the
// items they are likely entitled to now, best first. Only items and bundles of the catalog in force are proposed;
// one is `confirmOnly` when the platform holds every required field and material, so the citizen confirms and
// submits with the identity check already done.
import type { CatalogDocument } from '../../contracts/catalog';
import type { SuggestionsAnswer } from '../../contracts/sync-api';
import { ageOn, birthDateFromIdNumber, chinaDate } from '../approval/id-number';
import { type DemoPerson, findDemoPerson } from './demo-population';
import { itemsOf, personValues } from './shared-data';

type Suggestion = SuggestionsAnswer['suggestions'][number];

export const suggestedCodes = {
  newbornBundle: 'bundle-newborn',
  childcareSubsidy: '370200-000150901000',
  oldAgeAllowance: '370200-000114007000',
  retirementBundle: 'bundle-retirement',
  pensionCertification: '370200-000112903000',
  unemploymentBenefit: '370200-000111004000',
} as const;

interface Rule {
  code: string;
  /** The reason in plain words when the rule applies to this person, else undefined. */
  applies(person: DemoPerson, age: number | undefined): string | undefined;
}

const maxSuggestions = 20;

const rules: Rule[] = [
  {
    code: suggestedCodes.newbornBundle,
    applies: (p) => (p.children.some((c) => c.bornDaysAgo <= 90) ? '您的孩子刚刚出生，出生登记、医保参保、生育津贴和育儿补贴可以一次办理' : undefined),
  },
  {
    code: suggestedCodes.childcareSubsidy,
    applies: (p) => (p.children.some((c) => c.bornDaysAgo < 3 * 365) ? '您有未满3周岁的孩子，可以申领育儿补贴' : undefined),
  },
  {
    code: suggestedCodes.oldAgeAllowance,
    applies: (p, age) => (age !== undefined && age >= 80 && p.shared.hukou === 'local' ? '您已年满80周岁，可以申领高龄津贴' : undefined),
  },
  {
    code: suggestedCodes.retirementBundle,
    applies: (p, age) => (p.employment === 'employed' && age !== undefined && age >= 60 ? '您已达到退休年龄，养老金核定、医保待遇变更和公积金提取可以一次办理' : undefined),
  },
  {
    code: suggestedCodes.pensionCertification,
    applies: (p, age) => (p.employment === 'retired' || (age !== undefined && age >= 60 && p.employment !== 'employed') ? '领取养老金需要每年认证一次资格' : undefined),
  },
  {
    code: suggestedCodes.unemploymentBenefit,
    applies: (p) => (p.employment === 'unemployed' && p.shared.unemploymentRegistered === true ? '您已办理失业登记，可以申领失业保险金' : undefined),
  },
];

export function suggestFor(catalog: CatalogDocument, idNumber: string, now: Date): Suggestion[] {
  const person = findDemoPerson(idNumber);
  if (!person) return [];
  const birth = birthDateFromIdNumber(idNumber);
  const age = birth && ageOn(birth, chinaDate(now));
  const values = personValues(person, now);
  const licences = new Set(person.licences);
  const suggestions: Suggestion[] = [];
  for (const rule of rules) {
    const reason = rule.applies(person, age);
    const items = reason === undefined ? [] : itemsOf(catalog, rule.code);
    if (reason === undefined || items.length === 0) continue;
    const bundle = catalog.bundles.find((b) => b.code === rule.code);
    const name = bundle?.name ?? items[0]?.name ?? rule.code;
    const confirmOnly = items.every(
      (item) =>
        item.form.every((f) => !f.required || f.prefill?.startsWith('idCard.') || (f.prefill === 'sharedData' && values[f.name] !== undefined)) &&
        item.materials.every((m) => !m.required || (m.sharedDataSkippable && licences.has(m.code))),
    );
    suggestions.push({ itemCode: rule.code, name, reason, confirmOnly });
  }
  return suggestions.slice(0, maxSuggestions);
}
