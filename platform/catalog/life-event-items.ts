// Hand-written items behind the demo's life-event bundles (一件事) — 新生儿出生, 退休 — and the proactive suggestions
// (无感审批) that lead to them. Their forms overlap on purpose (applicant, contact, child, employer, account): a bundle
// asks each shared field once. Codes use base numbers 9xx, which the generated catalog never does.
import type { z } from 'zod';
import type { CatalogDocument } from '../../contracts/catalog';

type CatalogInput = z.input<typeof CatalogDocument>;
type ItemInput = CatalogInput['items'][number];
type FieldInput = ItemInput['form'][number];
type MaterialInput = ItemInput['materials'][number];

const f = {
  applicantName: { name: 'applicantName', label: '申请人姓名', type: 'text', required: true, prefill: 'idCard.name', personal: true },
  idNumber: { name: 'idNumber', label: '公民身份号码', type: 'idNumber', required: true, prefill: 'idCard.idNumber', personal: true },
  phone: { name: 'phone', label: '联系电话', type: 'phone', required: true, prefill: 'sharedData', personal: true },
  childName: { name: 'childName', label: '新生儿姓名', type: 'text', required: true, prefill: 'sharedData', personal: true },
  childBirthDate: { name: 'childBirthDate', label: '新生儿出生日期', type: 'date', required: true, prefill: 'sharedData', personal: true },
  childGender: {
    name: 'childGender',
    label: '新生儿性别',
    type: 'select',
    required: true,
    prefill: 'sharedData',
    options: [
      { value: 'male', label: '男' },
      { value: 'female', label: '女' },
    ],
  },
  hukouAddress: { name: 'hukouAddress', label: '户籍地址', type: 'text', required: true, prefill: 'sharedData', personal: true },
  employer: { name: 'employer', label: '工作单位', type: 'text', required: true, prefill: 'sharedData' },
  socialSecurityNumber: { name: 'socialSecurityNumber', label: '社会保障号码', type: 'text', required: true, prefill: 'sharedData', personal: true },
  contributionMonths: { name: 'contributionMonths', label: '累计缴费月数', type: 'number', required: true, prefill: 'sharedData' },
  bankAccount: { name: 'bankAccount', label: '社会保障卡金融账户', type: 'text', required: true, prefill: 'sharedData', personal: true },
  accountStatus: {
    name: 'accountStatus',
    label: '公积金账户状态',
    type: 'select',
    required: true,
    prefill: 'sharedData',
    options: [
      { value: 'normal', label: '正常' },
      { value: 'sealed', label: '封存' },
      { value: 'frozen', label: '冻结' },
    ],
  },
} satisfies Record<string, FieldInput>;

const m = {
  idCard: { code: 'id-card', name: '居民身份证', required: true, forms: ['paper', 'electronic'], source: '公安机关', sharedDataSkippable: true },
  birthCert: { code: 'birth-medical-cert', name: '出生医学证明', required: true, forms: ['paper', 'electronic'], source: '助产机构', sharedDataSkippable: true },
  householdRegister: { code: 'household-register', name: '户口簿', required: true, forms: ['paper', 'electronic'], source: '公安机关', sharedDataSkippable: true },
  marriageCert: { code: 'marriage-cert', name: '结婚证', required: false, forms: ['paper', 'electronic'], source: '民政部门', sharedDataSkippable: true },
  bankCard: { code: 'bank-card', name: '本人社会保障卡或银行卡', required: true, forms: ['paper'], sharedDataSkippable: true },
} satisfies Record<string, MaterialInput>;

interface Spec {
  code: string;
  name: string;
  department: { code: string; name: string };
  law: { document: string; number?: string; article?: string };
  type: ItemInput['type'];
  form: FieldInput[];
  materials: MaterialInput[];
  days: number;
  result: ItemInput['results'][number];
  topics: string[];
  conditions: string[];
  instantApproval?: ItemInput['instantApproval'];
}

const dept = {
  ga: { code: '370200-GAJ', name: '青岛市公安局' },
  yb: { code: '370200-YBJ', name: '青岛市医疗保障局' },
  rs: { code: '370200-RSJ', name: '青岛市人力资源和社会保障局' },
  gjj: { code: '370200-GJJ', name: '青岛市住房公积金管理中心' },
  wj: { code: '370200-WJW', name: '青岛市卫生健康委员会' },
};

function item(spec: Spec): ItemInput {
  const basicCode = spec.code.slice('370200-'.length);
  return {
    basicCode,
    implementationCode: spec.code,
    name: spec.name,
    department: spec.department,
    type: spec.type,
    level: 'municipal',
    legalBasis: [spec.law],
    conditions: spec.conditions,
    form: spec.form,
    materials: spec.materials,
    procedure: [{ name: '申请' }, { name: '受理' }, { name: '审核' }, { name: '办结' }],
    timeLimits: { statutory: { value: Math.max(spec.days, 20), unit: 'workingDays' }, promised: { value: spec.days, unit: 'workingDays' } },
    fees: [],
    results: [spec.result],
    terminal: { available: true, identityModes: ['idCardFace', 'networkIdQr', 'appQr', 'staffAssisted'], scanning: true, printTemplate: 'receipt-80mm' },
    ...(spec.instantApproval ? { instantApproval: spec.instantApproval } : {}),
    topics: spec.topics,
  };
}

export const lifeEventItems: ItemInput[] = [
  item({
    code: '370200-000110901000',
    name: '新生儿出生登记（申报户口）',
    department: dept.ga,
    law: { document: '中华人民共和国户口登记条例', article: '第七条' },
    type: 'registration',
    form: [f.applicantName, f.idNumber, f.phone, f.childName, f.childBirthDate, f.childGender, f.hukouAddress],
    materials: [m.idCard, m.birthCert, m.householdRegister, m.marriageCert],
    days: 1,
    result: { name: '户口簿（新生儿户口页）', kind: 'record', electronic: true },
    topics: ['生育收养', '户籍'],
    conditions: ['新生儿出生后一个月内，由父母一方向户籍地申报', '父母一方为本市户籍'],
  }),
  item({
    code: '370200-000122901000',
    name: '新生儿城乡居民基本医疗保险参保登记',
    department: dept.yb,
    law: { document: '中华人民共和国社会保险法', number: '主席令第35号', article: '第二十五条' },
    type: 'registration',
    form: [f.applicantName, f.idNumber, f.phone, f.childName, f.childBirthDate, f.childGender, f.hukouAddress],
    materials: [m.idCard, m.birthCert, m.householdRegister],
    days: 0,
    result: { name: '参保登记凭证', kind: 'record', electronic: true },
    topics: ['生育收养', '医保'],
    conditions: ['新生儿出生后90日内参保的，自出生之日起享受医保待遇'],
    instantApproval: {
      rules: [{ id: 'birth-cert', check: { materialPresent: 'birth-medical-cert' }, onFail: 'review', reason: '未核验到出生医学证明，经办人员将联系您' }],
      approvedNote: '参保登记已完成，待遇自出生之日起享受',
    },
  }),
  item({
    code: '370200-000122902000',
    name: '生育津贴申领',
    department: dept.yb,
    law: { document: '中华人民共和国社会保险法', number: '主席令第35号', article: '第五十六条' },
    type: 'benefit',
    form: [f.applicantName, f.idNumber, f.phone, f.childBirthDate, f.employer, f.bankAccount],
    materials: [m.idCard, m.birthCert, m.bankCard],
    days: 10,
    result: { name: '生育津贴核定结果', kind: 'approval', electronic: true },
    topics: ['生育收养', '医保'],
    conditions: ['参加职工基本医疗保险（生育保险）', '分娩前连续缴费满12个月'],
  }),
  item({
    code: '370200-000150901000',
    name: '育儿补贴申领',
    department: dept.wj,
    law: { document: '育儿补贴制度实施方案', number: '中办发〔2025〕' },
    type: 'benefit',
    form: [f.applicantName, f.idNumber, f.phone, f.childName, f.childBirthDate, f.bankAccount],
    materials: [m.idCard, m.birthCert, m.bankCard],
    days: 10,
    result: { name: '育儿补贴发放', kind: 'approval', electronic: false },
    topics: ['生育收养'],
    conditions: ['婴幼儿未满3周岁', '按年发放，每孩每年3600元'],
  }),
  item({
    code: '370200-000112902000',
    name: '职工基本养老保险退休待遇核定',
    department: dept.rs,
    law: { document: '中华人民共和国社会保险法', number: '主席令第35号', article: '第十六条' },
    type: 'benefit',
    form: [f.applicantName, f.idNumber, f.phone, f.employer, f.socialSecurityNumber, f.contributionMonths, f.bankAccount],
    materials: [m.idCard, m.householdRegister, m.bankCard],
    days: 15,
    result: { name: '基本养老金核定表', kind: 'approval', electronic: true },
    topics: ['社保', '退休养老'],
    conditions: ['达到法定退休年龄', '累计缴费满15年'],
    instantApproval: {
      rules: [
        { id: 'fifteen-years', check: { field: 'contributionMonths', range: { min: 180 } }, onFail: 'review', reason: '累计缴费不满15年，经办人员将联系您办理延长缴费或转入城乡居民养老保险' },
        { id: 'retirement-age', check: { ageFromIdNumber: { field: 'idNumber', min: 50 } }, onFail: 'reject', reason: '未达到法定退休年龄' },
      ],
      approvedNote: '养老金自次月起按月发放至社会保障卡金融账户',
    },
  }),
  item({
    code: '370200-000122903000',
    name: '退休人员医保待遇变更',
    department: dept.yb,
    law: { document: '中华人民共和国社会保险法', number: '主席令第35号', article: '第二十七条' },
    type: 'confirmation',
    form: [f.applicantName, f.idNumber, f.phone, f.employer, f.socialSecurityNumber],
    materials: [m.idCard],
    days: 5,
    result: { name: '医保待遇变更结果', kind: 'record', electronic: true },
    topics: ['医保', '退休养老'],
    conditions: ['已办理退休', '职工医保累计缴费达到规定年限'],
  }),
  item({
    code: '370200-000113902000',
    name: '退休提取住房公积金',
    department: dept.gjj,
    law: { document: '住房公积金管理条例', number: '国务院令第350号', article: '第二十四条' },
    type: 'benefit',
    form: [f.applicantName, f.idNumber, f.phone, f.accountStatus, f.bankAccount],
    materials: [m.idCard, m.bankCard],
    days: 3,
    result: { name: '提取到账', kind: 'other', electronic: false },
    topics: ['公积金', '退休养老'],
    conditions: ['已达到法定退休年龄或已办理退休'],
    instantApproval: {
      rules: [{ id: 'not-frozen', check: { not: { field: 'accountStatus', equals: 'frozen' } }, onFail: 'reject', reason: '账户处于冻结状态，不能提取' }],
      approvedNote: '提取金额将在3个工作日内转入您的银行账户',
    },
  }),
  item({
    code: '370200-000112903000',
    name: '养老保险待遇领取资格认证',
    department: dept.rs,
    law: { document: '人力资源社会保障部关于印发〈社会保险待遇资格认证经办规程〉的通知', number: '人社部发〔2019〕' },
    type: 'confirmation',
    form: [f.applicantName, f.idNumber, f.phone, f.socialSecurityNumber],
    materials: [m.idCard],
    days: 0,
    result: { name: '资格认证记录', kind: 'record', electronic: true },
    topics: ['社保', '退休养老'],
    conditions: ['领取养老保险待遇的人员，每12个月认证一次'],
    instantApproval: {
      rules: [{ id: 'insured', check: { field: 'socialSecurityNumber', present: true }, onFail: 'review', reason: '未查到您的社会保障号码，经办人员将联系您' }],
      approvedNote: '认证完成，下次请在12个月内认证',
    },
  }),
];

export const lifeEventBundles: NonNullable<CatalogInput['bundles']> = [
  {
    code: 'bundle-newborn',
    name: '新生儿出生“一件事”',
    description: '一次申请办理出生登记、医保参保、生育津贴和育儿补贴',
    itemCodes: ['370200-000110901000', '370200-000122901000', '370200-000122902000', '370200-000150901000'],
    topics: ['生育收养'],
  },
  {
    code: 'bundle-retirement',
    name: '退休“一件事”',
    description: '一次申请办理养老金核定、医保待遇变更和公积金提取',
    itemCodes: ['370200-000112902000', '370200-000122903000', '370200-000113902000'],
    topics: ['退休养老'],
  },
];
