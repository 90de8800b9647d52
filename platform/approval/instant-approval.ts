// Instant approval (秒批): evaluates the rules an item declares in the catalog (contracts/catalog.ts) against a
// committed transaction. Pure: the catalog, the transaction's fields and materials, and today's date go in; a decision
// comes out.
import { type Condition, type InstantApproval, type Item, findEntry, type CatalogDocument } from '../../contracts/catalog';
import type { Decision, DecisionOutcome } from '../../contracts/sync-api';
import { type CivilDate, ageOn, birthDateFromIdNumber } from './id-number';

export interface ApprovalContext {
  /** The transaction's form fields by name. */
  fields: Readonly<Record<string, unknown>>;
  /** Material codes present: attached files and those covered by shared data. */
  materials: ReadonlySet<string>;
  /** Today in China Standard Time. */
  today: CivilDate;
}

function fieldValue(ctx: ApprovalContext, name: string): unknown {
  return Object.hasOwn(ctx.fields, name) ? ctx.fields[name] : undefined;
}

export function holds(c: Condition, ctx: ApprovalContext): boolean {
  if ('all' in c) return c.all.every((x) => holds(x, ctx));
  if ('any' in c) return c.any.some((x) => holds(x, ctx));
  if ('not' in c) return !holds(c.not, ctx);
  if ('materialPresent' in c) return ctx.materials.has(c.materialPresent);
  if ('ageFromIdNumber' in c) {
    const value = fieldValue(ctx, c.ageFromIdNumber.field);
    const birth = typeof value === 'string' ? birthDateFromIdNumber(value.toUpperCase()) : undefined;
    if (!birth) return false;
    return within(ageOn(birth, ctx.today), c.ageFromIdNumber);
  }
  const value = fieldValue(ctx, c.field);
  if ('equals' in c) return value === c.equals;
  if ('in' in c) return c.in.some((x) => x === value);
  if ('range' in c) return typeof value === 'number' && Number.isFinite(value) && within(value, c.range);
  return value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);
}

function within(value: number, bounds: { min?: number; max?: number }): boolean {
  return (bounds.min === undefined || value >= bounds.min) && (bounds.max === undefined || value <= bounds.max);
}

interface Verdict {
  outcome: DecisionOutcome;
  reasons: string[];
}

export function evaluateRules(rules: InstantApproval, ctx: ApprovalContext): Verdict {
  const failed = rules.rules.filter((rule) => !holds(rule.check, ctx));
  const rejects = failed.filter((rule) => rule.onFail === 'reject');
  if (rejects.length > 0) return { outcome: 'rejected', reasons: rejects.map((r) => r.reason) };
  if (failed.length > 0) return { outcome: 'needsReview', reasons: failed.map((r) => r.reason) };
  return { outcome: 'approved', reasons: [rules.approvedNote] };
}

const MANUAL = '该事项由工作人员审核办理';
const NOT_IN_CATALOG = '该事项不在当前事项清单中，将由工作人员核实处理';

/**
 * The decision for an application under `catalog`: undefined when nothing in it is decided by rules (the case then
 * follows the normal procedure). A bundle (一件事) is approved only when every item is; its reasons name the items.
 */
export function decide(catalog: { version: string; document: CatalogDocument }, itemCode: string, ctx: ApprovalContext): Decision | undefined {
  const entry = findEntry(catalog.document, itemCode);
  if (!entry) return { outcome: 'needsReview', reasons: [NOT_IN_CATALOG], catalogVersion: catalog.version };
  if (entry.kind === 'item') {
    if (!entry.item.instantApproval) return undefined;
    return { ...evaluateRules(entry.item.instantApproval, ctx), catalogVersion: catalog.version };
  }
  if (!entry.items.some((item) => item.instantApproval)) return undefined;
  const verdicts = entry.items.map((item: Item) => ({
    item,
    verdict: item.instantApproval ? evaluateRules(item.instantApproval, ctx) : { outcome: 'needsReview' as const, reasons: [MANUAL] },
  }));
  const pick = (outcome: DecisionOutcome) => verdicts.filter((v) => v.verdict.outcome === outcome);
  const chosen = pick('rejected').length > 0 ? pick('rejected') : pick('needsReview').length > 0 ? pick('needsReview') : verdicts;
  const outcome = chosen[0]?.verdict.outcome ?? 'needsReview';
  return {
    outcome,
    reasons: chosen.flatMap((v) => v.verdict.reasons.map((reason) => `${v.item.name}：${reason}`)),
    catalogVersion: catalog.version,
  };
}
