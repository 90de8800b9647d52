// The item catalog (事项清单): what a kiosk offers and how each item is done, after the national 政务服务事项 fields
// (design.md, "The item catalog"; shared/reference/gov-service.md, "Item (事项) fields").
//
// The platform publishes versioned catalog documents; a kiosk fetches the one in force (sync API `catalog`) and keeps
// the last good one. Instant approval (秒批) is declared here as data in a small rule language with no code, no regular
// expressions and bounded nesting, so a catalog can be trusted to evaluate quickly and never to run anything.
import { z } from 'zod';

const Code = z.string().regex(/^[0-9A-Za-z][0-9A-Za-z._-]{0,63}$/, 'letters, digits, ".", "_" or "-", at most 64');

/** The code a transaction names: an item's implementation code (实施编码) or a bundle's code. */
export const ItemCode = Code;
export type ItemCode = z.infer<typeof ItemCode>;

/** A material's code, unique within its item. */
export const MaterialCode = Code;
export type MaterialCode = z.infer<typeof MaterialCode>;

export const CatalogVersion = z.string().regex(/^[0-9A-Za-z][0-9A-Za-z._-]{0,63}$/);
export type CatalogVersion = z.infer<typeof CatalogVersion>;

/** A form field's name: also its key in a transaction's payload and what rules refer to. */
export const FieldName = z.string().regex(/^[a-z][A-Za-z0-9]{0,63}$/, 'lowerCamelCase, at most 64');
export type FieldName = z.infer<typeof FieldName>;

const Text = z.string().min(1).max(2000);
const Name = z.string().min(1).max(200);

// ---- Item parts ----

/** 事项类型. */
export const ItemType = z.enum([
  'licensing', // 行政许可
  'benefit', // 行政给付
  'confirmation', // 行政确认
  'levy', // 行政征收
  'registration', // 登记 (e.g. 不动产登记, 市场主体登记)
  'publicService', // 公共服务
  'other', // 其他行政权力
]);
export type ItemType = z.infer<typeof ItemType>;

export const itemTypeLabels: Record<ItemType, string> = {
  licensing: '行政许可',
  benefit: '行政给付',
  confirmation: '行政确认',
  levy: '行政征收',
  registration: '登记',
  publicService: '公共服务',
  other: '其他行政权力',
};

export const Department = z.strictObject({ code: Code, name: Name });

export const LegalBasis = z.strictObject({
  /** 法律法规名称 */
  document: Name,
  /** 文号 */
  number: z.string().max(100).optional(),
  /** 条款 */
  article: z.string().max(200).optional(),
});

export const TimeLimit = z.strictObject({
  /** 0 means done on the spot (即办). */
  value: z.number().int().nonnegative().max(3650),
  unit: z.enum(['workingDays', 'naturalDays']),
});
export type TimeLimit = z.infer<typeof TimeLimit>;

export const Fee = z.strictObject({
  name: Name,
  amountYuan: z.number().nonnegative(),
  /** 收费依据 */
  basis: z.string().max(500).optional(),
  /** 减免政策 */
  waiver: z.string().max(500).optional(),
});

export const ResultDocument = z.strictObject({
  name: Name,
  kind: z.enum(['certificate', 'licence', 'proof', 'approval', 'record', 'other']),
  /** Also issued as an e-licence (电子证照). */
  electronic: z.boolean(),
});

export const Material = z.strictObject({
  code: MaterialCode,
  name: Name,
  required: z.boolean(),
  /** Accepted forms: scanned at the kiosk or uploaded (electronic), or handed over on paper. */
  forms: z.array(z.enum(['paper', 'electronic'])).min(1),
  copies: z.number().int().positive().max(20).default(1),
  /** Who issues it (来源渠道). */
  source: z.string().max(200).optional(),
  /** Skipped when shared data or an e-licence covers it (免提交). */
  sharedDataSkippable: z.boolean(),
});
export type Material = z.input<typeof Material>;

/** Where a kiosk may fill a field from, with the citizen's consent. */
export const PrefillSource = z.enum(['idCard.name', 'idCard.idNumber', 'idCard.sex', 'idCard.address', 'idCard.birthDate', 'sharedData']);

export const FormField = z.strictObject({
  name: FieldName,
  label: Name,
  type: z.enum(['text', 'number', 'date', 'boolean', 'select', 'idNumber', 'phone']),
  required: z.boolean(),
  /** For `select`. */
  options: z.array(z.strictObject({ value: z.string().min(1).max(100), label: Name })).min(1).optional(),
  prefill: PrefillSource.optional(),
  /** Personal data: masked on screen after entry and on prints (design.md, "Non-negotiables"). */
  personal: z.boolean().default(false),
});
export type FormField = z.input<typeof FormField>;

export const IdentityMode = z.enum([
  /** ID card read + live face comparison (人证比对). */
  'idCardFace',
  /** Network ID (网证) QR code. */
  'networkIdQr',
  /** The provincial app's QR code. */
  'appQr',
  /** A member of staff identifies the citizen. */
  'staffAssisted',
]);
export type IdentityMode = z.infer<typeof IdentityMode>;

export const TerminalCapability = z.strictObject({
  /** Whether it can be done at a self-service terminal (is_service_terminals). */
  available: z.boolean(),
  identityModes: z.array(IdentityMode),
  /** Materials can be scanned at the kiosk. */
  scanning: z.boolean(),
  /** The print template for the receipt or the result, by name. */
  printTemplate: z.string().regex(/^[a-z][a-z0-9-]{0,63}$/).optional(),
});

// ---- The rule language of instant approval (秒批) ----

const Scalar = z.union([z.string().max(200), z.number(), z.boolean()]);

/**
 * A condition on a transaction: on its form fields (by name), on the age of the person whose ID number a field holds,
 * on materials present. A field that is missing fails every condition on it except `not`.
 */
export type Condition =
  | { field: string; equals: string | number | boolean }
  | { field: string; in: (string | number | boolean)[] }
  | { field: string; range: { min?: number; max?: number } }
  /** Present and not empty (not null, "", or []). */
  | { field: string; present: true }
  /** Whole years of age, today in China Standard Time, of the person born on the date in the 18-digit ID number. */
  | { ageFromIdNumber: { field: string; min?: number; max?: number } }
  /** An attachment with this material code, or the material covered by shared data. */
  | { materialPresent: string }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

const Bounds = z
  .strictObject({ min: z.number().optional(), max: z.number().optional() })
  .refine((b) => b.min !== undefined || b.max !== undefined, 'give min, max or both')
  .refine((b) => b.min === undefined || b.max === undefined || b.min <= b.max, 'min must not exceed max');

export const Condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ field: FieldName, equals: Scalar }),
    z.strictObject({ field: FieldName, in: z.array(Scalar).min(1).max(200) }),
    z.strictObject({ field: FieldName, range: Bounds }),
    z.strictObject({ field: FieldName, present: z.literal(true) }),
    z.strictObject({ ageFromIdNumber: z.strictObject({ field: FieldName, min: z.number().int().nonnegative().optional(), max: z.number().int().nonnegative().optional() }) }),
    z.strictObject({ materialPresent: MaterialCode }),
    z.strictObject({ all: z.array(Condition).min(1).max(50) }),
    z.strictObject({ any: z.array(Condition).min(1).max(50) }),
    z.strictObject({ not: Condition }),
  ]),
);

/** Conditions nest at most this deep, so evaluation is bounded whatever a catalog holds. */
export const maxConditionDepth = 8;

export function conditionDepth(c: Condition): number {
  if ('all' in c) return 1 + Math.max(...c.all.map(conditionDepth));
  if ('any' in c) return 1 + Math.max(...c.any.map(conditionDepth));
  if ('not' in c) return 1 + conditionDepth(c.not);
  return 1;
}

/** Every field and material a condition refers to. */
export function conditionReferences(c: Condition): { fields: string[]; materials: string[] } {
  if ('all' in c || 'any' in c) {
    const parts = ('all' in c ? c.all : c.any).map(conditionReferences);
    return { fields: parts.flatMap((p) => p.fields), materials: parts.flatMap((p) => p.materials) };
  }
  if ('not' in c) return conditionReferences(c.not);
  if ('materialPresent' in c) return { fields: [], materials: [c.materialPresent] };
  if ('ageFromIdNumber' in c) return { fields: [c.ageFromIdNumber.field], materials: [] };
  return { fields: [c.field], materials: [] };
}

export const ApprovalRule = z.strictObject({
  id: z.string().regex(/^[a-z][a-zA-Z0-9-]{0,63}$/),
  /** What must hold. */
  check: Condition,
  /** When it does not hold: refuse outright, or pass the case to staff. */
  onFail: z.enum(['reject', 'review']),
  /** Shown to the citizen when the check fails. */
  reason: Text,
});
export type ApprovalRule = z.infer<typeof ApprovalRule>;

/**
 * Approved when every rule's check holds; otherwise rejected when a `reject` rule failed, else needs review. The
 * reasons are those of the failed rules (of the `reject` ones when rejected).
 */
export const InstantApproval = z.strictObject({
  rules: z.array(ApprovalRule).min(1).max(50),
  /** Told to the citizen on approval, e.g. what arrives when. */
  approvedNote: Text,
});
export type InstantApproval = z.infer<typeof InstantApproval>;

// ---- Items, bundles, the document ----

export const Item = z
  .strictObject({
    /** 基本编码 */
    basicCode: Code,
    /** 实施编码: what transactions name. */
    implementationCode: ItemCode,
    name: Name,
    department: Department,
    type: ItemType,
    level: z.enum(['national', 'provincial', 'municipal', 'district', 'township']),
    legalBasis: z.array(LegalBasis).min(1),
    /** 受理条件 */
    conditions: z.array(Text),
    form: z.array(FormField),
    materials: z.array(Material),
    /** 办理流程 */
    procedure: z.array(z.strictObject({ name: Name, description: z.string().max(2000).optional() })).min(1),
    timeLimits: z.strictObject({ statutory: TimeLimit, promised: TimeLimit }),
    /** Empty: free of charge. */
    fees: z.array(Fee),
    results: z.array(ResultDocument),
    terminal: TerminalCapability,
    instantApproval: InstantApproval.optional(),
    /** 主题 for the home screen's topic view, e.g. 社保, 医保. */
    topics: z.array(z.string().min(1).max(50)).default([]),
  })
  .superRefine((item, ctx) => {
    const fields = new Set(item.form.map((f) => f.name));
    const materials = new Set(item.materials.map((m) => m.code));
    if (fields.size !== item.form.length) ctx.addIssue({ code: 'custom', path: ['form'], message: 'form field names must be unique' });
    if (materials.size !== item.materials.length) ctx.addIssue({ code: 'custom', path: ['materials'], message: 'material codes must be unique' });
    item.form.forEach((f, i) => {
      if (f.type === 'select' && !f.options) ctx.addIssue({ code: 'custom', path: ['form', i, 'options'], message: 'a select field needs options' });
    });
    // Face verification is never the only way in (design.md, "Non-negotiables").
    const modes = item.terminal.identityModes;
    if (item.terminal.available && (modes.length === 0 || (modes.length === 1 && modes[0] === 'idCardFace'))) {
      ctx.addIssue({ code: 'custom', path: ['terminal', 'identityModes'], message: 'offer an identity mode besides idCardFace' });
    }
    item.instantApproval?.rules.forEach((rule, i) => {
      const path = ['instantApproval', 'rules', i, 'check'];
      if (conditionDepth(rule.check) > maxConditionDepth) ctx.addIssue({ code: 'custom', path, message: `conditions nest deeper than ${maxConditionDepth}` });
      const refs = conditionReferences(rule.check);
      for (const field of refs.fields) {
        if (!fields.has(field)) ctx.addIssue({ code: 'custom', path, message: `rule refers to field "${field}", which the form does not have` });
      }
      for (const material of refs.materials) {
        if (!materials.has(material)) ctx.addIssue({ code: 'custom', path, message: `rule refers to material "${material}", which the item does not list` });
      }
    });
  });
export type Item = z.output<typeof Item>;

/** 一件事: one application with one form and one set of materials (the union of its items'), several items behind it. */
export const Bundle = z.strictObject({
  code: ItemCode,
  name: Name,
  description: z.string().max(2000).optional(),
  itemCodes: z.array(ItemCode).min(2).max(20),
  topics: z.array(z.string().min(1).max(50)).default([]),
});
export type Bundle = z.output<typeof Bundle>;

export const CatalogDocument = z
  .strictObject({
    schemaVersion: z.literal(1),
    version: CatalogVersion,
    publishedAt: z.iso.datetime({ offset: true }),
    /** Who issued it, e.g. the city's 政务服务管理办公室. */
    issuer: Name,
    items: z.array(Item).max(10_000),
    bundles: z.array(Bundle).max(1000).default([]),
  })
  .superRefine((doc, ctx) => {
    const codes = new Set<string>();
    doc.items.forEach((item, i) => {
      if (codes.has(item.implementationCode)) ctx.addIssue({ code: 'custom', path: ['items', i, 'implementationCode'], message: `duplicate code ${item.implementationCode}` });
      codes.add(item.implementationCode);
    });
    const itemCodes = new Set(codes);
    doc.bundles.forEach((bundle, i) => {
      if (codes.has(bundle.code)) ctx.addIssue({ code: 'custom', path: ['bundles', i, 'code'], message: `duplicate code ${bundle.code}` });
      codes.add(bundle.code);
      bundle.itemCodes.forEach((code, j) => {
        if (!itemCodes.has(code)) ctx.addIssue({ code: 'custom', path: ['bundles', i, 'itemCodes', j], message: `no item ${code} in this catalog` });
      });
    });
  });
export type CatalogDocument = z.output<typeof CatalogDocument>;

/** Finds what a transaction's item code names. */
export function findEntry(doc: CatalogDocument, code: string): { kind: 'item'; item: Item } | { kind: 'bundle'; bundle: Bundle; items: Item[] } | undefined {
  const item = doc.items.find((i) => i.implementationCode === code);
  if (item) return { kind: 'item', item };
  const bundle = doc.bundles.find((b) => b.code === code);
  if (!bundle) return undefined;
  return { kind: 'bundle', bundle, items: bundle.itemCodes.map((c) => doc.items.find((i) => i.implementationCode === c)).filter((i): i is Item => i !== undefined) };
}
