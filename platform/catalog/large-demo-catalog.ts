// A large demo catalog (5,000+ items) for search and browsing at realistic scale: Qingdao's city catalog holds
// 5,100+ items (shared/reference/gov-service.md). Made deterministically from real-sounding base items × the
// situations (情形) each is split into × the city and its districts that implement it, as the national catalog does
// (one basic code, one implementation code per implementing department). Too large to commit (~10 MB of JSON), so
// the platform makes it at start; `npx tsx platform/catalog/large-demo-catalog.ts FILE` writes it to a file.
import { writeFileSync } from 'node:fs';
import type { z } from 'zod';
import type { CatalogDocument, ItemType } from '../../contracts/catalog';

type CatalogInput = z.input<typeof CatalogDocument>;
type ItemInput = CatalogInput['items'][number];

interface DeptSpec {
  key: string;
  /** The city's name; districts replace 青岛市 with their own. */
  name: string;
  law: { document: string; number?: string; article?: string };
  /** 2-digit department part of the basic code. */
  code: string;
}

const departments: Record<string, DeptSpec> = {
  rs: { key: 'RSJ', name: '青岛市人力资源和社会保障局', code: '12', law: { document: '中华人民共和国社会保险法', number: '主席令第35号' } },
  yb: { key: 'YBJ', name: '青岛市医疗保障局', code: '22', law: { document: '医疗保障基金使用监督管理条例', number: '国务院令第735号' } },
  gjj: { key: 'GJJ', name: '青岛市住房公积金管理中心', code: '13', law: { document: '住房公积金管理条例', number: '国务院令第350号' } },
  bdc: { key: 'BDC', name: '青岛市不动产登记中心', code: '16', law: { document: '不动产登记暂行条例', number: '国务院令第656号' } },
  ga: { key: 'GAJ', name: '青岛市公安局', code: '10', law: { document: '中华人民共和国居民身份证法', number: '主席令第4号' } },
  sc: { key: 'SCJGJ', name: '青岛市市场监督管理局', code: '08', law: { document: '中华人民共和国市场主体登记管理条例', number: '国务院令第746号' } },
  sw: { key: 'SWJ', name: '国家税务总局青岛市税务局', code: '09', law: { document: '中华人民共和国税收征收管理法', number: '主席令第49号' } },
  mz: { key: 'MZJ', name: '青岛市民政局', code: '14', law: { document: '社会救助暂行办法', number: '国务院令第649号' } },
};

/** One base item: [department, name, type, topics, done at a kiosk, situations (情形; '' for none), working days]. */
type Base = [keyof typeof departments, string, ItemType, string[], boolean, string[], number];

const basics: Base[] = [
  ['rs', '城乡居民基本养老保险参保登记', 'registration', ['社保', '退休养老'], true, ['', '首次参保', '中断后续保', '跨制度转入'], 0],
  ['rs', '城镇职工基本养老保险参保缴费证明打印', 'publicService', ['社保'], true, ['', '个人', '单位职工'], 0],
  ['rs', '基本养老保险关系转移接续', 'publicService', ['社保', '退休养老'], true, ['', '跨省转入', '跨省转出', '省内转移', '城乡居民转入职工'], 15],
  ['rs', '职工基本养老保险待遇申领', 'benefit', ['退休养老'], false, ['', '正常退休', '特殊工种提前退休', '病退'], 20],
  ['rs', '失业保险金申领', 'benefit', ['社保', '就业创业'], true, ['', '首次申领', '再次申领'], 10],
  ['rs', '就业创业证申领', 'publicService', ['就业创业'], true, ['', '新办', '补办', '信息变更'], 5],
  ['rs', '社会保障卡申领', 'publicService', ['社保'], true, ['', '首次申领', '补领', '换领', '临时挂失'], 10],
  ['rs', '个人权益记录单打印', 'publicService', ['社保'], true, [''], 0],
  ['rs', '工伤认定申请', 'confirmation', ['员工招聘与社保'], false, ['', '工作时间事故伤害', '上下班途中事故', '职业病'], 60],
  ['rs', '单位参保登记', 'registration', ['员工招聘与社保', '企业开办'], true, ['', '新设单位', '变更登记', '注销登记'], 5],
  ['rs', '职工参保登记', 'registration', ['员工招聘与社保'], true, ['', '新增人员', '减员', '信息变更'], 1],
  ['yb', '医疗保障参保信息查询打印', 'publicService', ['医保'], true, ['', '职工医保', '居民医保'], 0],
  ['yb', '异地就医备案', 'confirmation', ['医保', '退休养老'], true, ['', '异地长期居住', '常驻异地工作', '异地转诊', '临时外出就医'], 0],
  ['yb', '城乡居民基本医疗保险参保登记', 'registration', ['医保', '生育收养'], true, ['', '新生儿', '学生', '其他城乡居民'], 0],
  ['yb', '医保电子凭证激活', 'publicService', ['医保'], true, [''], 0],
  ['yb', '门诊慢特病待遇认定', 'confirmation', ['医保'], false, ['', '高血压', '糖尿病', '恶性肿瘤门诊治疗', '尿毒症透析'], 15],
  ['yb', '生育医疗费用报销', 'benefit', ['医保', '生育收养'], true, ['', '顺产', '剖宫产', '流产'], 20],
  ['yb', '零星医疗费用报销', 'benefit', ['医保'], true, ['', '异地急诊', '未持卡就医'], 20],
  ['gjj', '住房公积金个人账户信息查询', 'publicService', ['公积金', '住房'], true, [''], 0],
  ['gjj', '住房公积金缴存证明打印', 'publicService', ['公积金', '住房'], true, ['', '个人', '贷款用'], 0],
  ['gjj', '住房公积金提取', 'benefit', ['公积金', '住房'], true, ['购买自住住房', '偿还住房贷款', '租赁住房', '离退休', '出境定居', '解除劳动关系', '重大疾病'], 3],
  ['gjj', '住房公积金个人住房贷款申请', 'benefit', ['公积金', '住房'], false, ['', '新建商品房', '二手房', '组合贷款'], 15],
  ['gjj', '住房公积金贷款提前还款', 'publicService', ['公积金', '住房'], true, ['', '部分提前还款', '全部结清'], 1],
  ['gjj', '单位住房公积金缴存登记', 'registration', ['员工招聘与社保', '企业开办'], true, ['', '新设单位', '变更', '注销'], 3],
  ['gjj', '灵活就业人员住房公积金缴存登记', 'registration', ['公积金', '就业创业'], true, [''], 1],
  ['bdc', '不动产登记资料查询', 'publicService', ['不动产', '住房'], true, ['', '权利人查询', '利害关系人查询', '有无房产证明'], 0],
  ['bdc', '国有建设用地使用权及房屋所有权首次登记', 'registration', ['不动产', '工程建设'], false, ['', '新建商品房', '自建房'], 10],
  ['bdc', '国有建设用地使用权及房屋所有权转移登记', 'registration', ['不动产', '住房'], false, ['买卖', '继承', '赠与', '离婚析产', '夫妻更名'], 5],
  ['bdc', '抵押权登记', 'registration', ['不动产', '企业不动产'], false, ['首次登记', '变更登记', '注销登记'], 5],
  ['bdc', '不动产权证书补证', 'registration', ['不动产', '住房'], true, ['', '遗失', '损坏换证'], 5],
  ['ga', '无犯罪记录证明开具', 'confirmation', ['公安', '就业创业'], true, ['', '本人申请', '委托申请'], 3],
  ['ga', '居民身份证换领', 'publicService', ['公安', '户籍'], true, ['', '有效期满', '损坏', '信息变更'], 20],
  ['ga', '居民身份证补领', 'publicService', ['公安', '户籍'], true, [''], 20],
  ['ga', '临时居民身份证申领', 'publicService', ['公安', '户籍'], true, [''], 1],
  ['ga', '户口迁移', 'registration', ['户籍', '住房'], false, ['购房落户', '投靠落户', '人才落户', '毕业生落户', '迁出'], 5],
  ['ga', '出生登记', 'registration', ['户籍', '生育收养'], false, ['', '婚生', '非婚生'], 1],
  ['ga', '居住证申领', 'publicService', ['户籍'], true, ['', '首次申领', '签注', '补领'], 10],
  ['ga', '往来港澳通行证签注', 'licensing', ['公安', '出行'], true, ['', '个人旅游', '探亲', '商务'], 7],
  ['ga', '机动车驾驶证期满换证', 'licensing', ['公安', '出行'], true, [''], 1],
  ['ga', '交通违法处理', 'other', ['公安', '出行'], true, ['', '本人车辆', '单位车辆'], 0],
  ['sc', '营业执照自助打印', 'publicService', ['市场监管', '企业服务'], true, ['', '正本', '副本'], 0],
  ['sc', '个体工商户设立登记', 'registration', ['市场监管', '企业开办'], true, [''], 1],
  ['sc', '有限责任公司设立登记', 'registration', ['市场监管', '企业开办'], true, ['', '内资', '一人有限公司'], 1],
  ['sc', '企业名称自主申报', 'registration', ['企业开办'], true, [''], 0],
  ['sc', '市场主体变更登记', 'registration', ['企业变更'], true, ['住所变更', '经营范围变更', '法定代表人变更', '注册资本变更', '股东变更'], 3],
  ['sc', '市场主体注销登记', 'registration', ['企业注销'], true, ['', '简易注销', '一般注销'], 3],
  ['sc', '食品经营许可', 'licensing', ['资质许可'], false, ['新办', '变更', '延续', '注销'], 10],
  ['sc', '企业信用信息查询', 'publicService', ['企业服务', '经营纳税'], true, [''], 0],
  ['sw', '个人所得税纳税记录开具', 'publicService', ['税务'], true, ['', '年度', '按月'], 0],
  ['sw', '完税证明开具', 'publicService', ['税务', '经营纳税'], true, ['', '个人', '单位'], 0],
  ['sw', '发票领用', 'publicService', ['经营纳税'], true, ['', '增值税普通发票', '增值税专用发票'], 0],
  ['sw', '增值税申报', 'levy', ['经营纳税'], true, ['小规模纳税人', '一般纳税人'], 0],
  ['sw', '个人所得税综合所得年度汇算', 'levy', ['税务'], true, ['', '退税', '补税'], 0],
  ['sw', '税务登记信息变更', 'registration', ['企业变更'], true, [''], 0],
  ['sw', '城乡居民养老保险费缴纳', 'levy', ['社保', '退休养老'], true, [''], 0],
  ['mz', '最低生活保障申请', 'benefit', ['民政', '社会救助'], true, ['', '城市', '农村'], 30],
  ['mz', '特困人员救助供养申请', 'benefit', ['民政', '社会救助'], false, ['', '城市', '农村'], 30],
  ['mz', '临时救助申请', 'benefit', ['民政', '社会救助'], true, ['', '急难型', '支出型'], 10],
  ['mz', '高龄津贴申领', 'benefit', ['民政', '老年人'], true, [''], 20],
  ['mz', '婚姻登记预约', 'publicService', ['婚姻', '民政'], true, ['结婚登记', '离婚登记', '补领婚姻登记证'], 0],
  ['mz', '低保证明打印', 'publicService', ['民政', '社会救助'], true, [''], 0],
  ['mz', '残疾人两项补贴申领', 'benefit', ['残疾人', '民政'], true, ['困难残疾人生活补贴', '重度残疾人护理补贴'], 20],
  ['mz', '殡葬补贴申领', 'benefit', ['身后事'], false, ['', '基本殡葬服务费用减免'], 10],
];

/** The city (municipal level) and its districts and county-level cities: each implements the base items. */
type Region = { code: string; name: string; level: 'municipal' | 'district' | 'township'; department?: string };
const regions: Region[] = [
  { code: '370200', name: '青岛市', level: 'municipal' },
  { code: '370202', name: '市南区', level: 'district' },
  { code: '370203', name: '市北区', level: 'district' },
  { code: '370211', name: '黄岛区', level: 'district' },
  { code: '370212', name: '崂山区', level: 'district' },
  { code: '370213', name: '李沧区', level: 'district' },
  { code: '370214', name: '城阳区', level: 'district' },
  { code: '370215', name: '即墨区', level: 'district' },
  { code: '370281', name: '胶州市', level: 'district' },
  { code: '370283', name: '平度市', level: 'district' },
  { code: '370285', name: '莱西市', level: 'district' },
  { code: '370291', name: '高新区', level: 'district' },
  { code: '370292', name: '西海岸新区', level: 'district' },
  { code: '370293', name: '胶东临空经济示范区', level: 'district' },
  { code: '370294', name: '青岛蓝谷', level: 'district' },
];

/** Sub-district offices (街道便民服务中心) that take 社保 and 民政 items at the township level: [district code, name]. */
const streets: [string, string][] = [
  ['370202', '八大关街道'], ['370202', '香港中路街道'], ['370202', '八大湖街道'], ['370202', '湛山街道'], ['370202', '金门路街道'],
  ['370202', '珠海路街道'], ['370202', '江苏路街道'], ['370202', '中山路街道'], ['370203', '台东街道'], ['370203', '辽宁路街道'],
  ['370203', '宁夏路街道'], ['370203', '敦化路街道'], ['370203', '即墨路街道'], ['370203', '登州路街道'], ['370203', '浮山新区街道'],
  ['370203', '兴隆路街道'], ['370213', '李村街道'], ['370213', '浮山路街道'], ['370213', '沧口街道'], ['370213', '振华路街道'],
  ['370213', '兴城路街道'], ['370213', '九水街道'], ['370213', '湘潭路街道'], ['370213', '世园街道'], ['370213', '虎山路街道'],
  ['370212', '中韩街道'], ['370212', '沙子口街道'], ['370212', '王哥庄街道'], ['370212', '北宅街道'], ['370212', '金家岭街道'],
  ['370214', '城阳街道'], ['370214', '流亭街道'], ['370214', '夏庄街道'], ['370214', '惜福镇街道'], ['370214', '棘洪滩街道'],
  ['370214', '上马街道'], ['370214', '河套街道'], ['370214', '红岛街道'], ['370215', '通济街道'], ['370215', '环秀街道'],
  ['370215', '潮海街道'], ['370215', '北安街道'],
];

const idCard = { code: 'id-card', name: '居民身份证', required: true, forms: ['paper', 'electronic'] as ('paper' | 'electronic')[], copies: 1, source: '公安机关', sharedDataSkippable: true };

function departmentOf(spec: DeptSpec, region: Region): { code: string; name: string } {
  if (region.department) return { code: `${region.code}-${spec.key}`, name: region.department };
  if (region.level === 'municipal') return { code: `${region.code}-${spec.key}`, name: spec.name };
  // 税务 and 公积金 are organised under the city; the district offices are branches.
  if (spec.key === 'SWJ') return { code: `${region.code}-${spec.key}`, name: `国家税务总局青岛市${region.name}税务局` };
  if (spec.key === 'GJJ') return { code: `${region.code}-${spec.key}`, name: `青岛市住房公积金管理中心${region.name}管理处` };
  return { code: `${region.code}-${spec.key}`, name: spec.name.replace('青岛市', `青岛市${region.name}`) };
}

function makeItem(base: Base, baseIndex: number, situationIndex: number, region: Region): ItemInput {
  const [deptKey, baseName, type, topics, kiosk, situations, days] = base;
  const spec = departments[deptKey]!;
  const situation = situations[situationIndex]!;
  const name = situation ? `${baseName}（${situation}）` : baseName;
  const basicCode = `0001${spec.code}${String(baseIndex).padStart(3, '0')}${String(situationIndex).padStart(3, '0')}`;
  const isProof = /打印|查询|证明|开具/.test(baseName);
  const materials: ItemInput['materials'] = [idCard];
  if (!isProof) {
    materials.push({ code: 'application-form', name: `${baseName}申请表`, required: true, forms: ['paper', 'electronic'], copies: 1, sharedDataSkippable: false });
  }
  if (deptKey === 'bdc' || deptKey === 'gjj') {
    materials.push({ code: 'property-cert', name: '不动产权证书', required: !isProof, forms: ['paper', 'electronic'], copies: 1, source: '不动产登记机构', sharedDataSkippable: true });
  }
  if (deptKey === 'mz' || deptKey === 'rs') {
    materials.push({ code: 'household-register', name: '户口簿', required: false, forms: ['paper'], copies: 1, source: '公安机关', sharedDataSkippable: true });
  }
  if (deptKey === 'sc' || deptKey === 'sw') {
    materials.push({ code: 'business-licence', name: '营业执照', required: !baseName.includes('设立'), forms: ['electronic'], copies: 1, source: '市场监管部门', sharedDataSkippable: true });
  }
  if (type === 'benefit') {
    materials.push({ code: 'bank-card', name: '本人银行卡或社会保障卡', required: true, forms: ['paper'], copies: 1, sharedDataSkippable: false });
  }
  return {
    basicCode,
    implementationCode: `${region.code}-${basicCode}`,
    name,
    department: departmentOf(spec, region),
    type,
    level: region.level,
    legalBasis: [spec.law],
    conditions: [
      `${situation ? `属于“${situation}”情形，` : ''}申请人为本人或经本人书面委托的代理人`,
      ...(isProof ? [] : ['申请材料齐全、符合法定形式']),
    ],
    form: [
      { name: 'applicantName', label: '申请人姓名', type: 'text', required: true, prefill: 'idCard.name', personal: true },
      { name: 'idNumber', label: '公民身份号码', type: 'idNumber', required: true, prefill: 'idCard.idNumber', personal: true },
      { name: 'phone', label: '联系电话', type: 'phone', required: true, personal: true },
    ],
    materials,
    procedure: isProof ? [{ name: '身份核验' }, { name: '查询' }, { name: '打印' }] : [{ name: '申请' }, { name: '受理' }, { name: '审核' }, { name: '办结' }],
    timeLimits: { statutory: { value: days === 0 ? 0 : Math.max(days, 20), unit: 'workingDays' }, promised: { value: days, unit: 'workingDays' } },
    fees: baseName.includes('身份证') && !baseName.includes('临时') ? [{ name: '居民身份证工本费', amountYuan: 20, basis: '发改价格〔2003〕2322号', waiver: '有效期满换领的首次申领免收' }] : [],
    results: [{ name: isProof ? `${baseName.replace(/打印|开具|查询/g, '')}证明` : `${baseName}结果`, kind: isProof ? 'proof' : 'approval', electronic: true }],
    terminal: {
      available: kiosk,
      identityModes: kiosk ? ['idCardFace', 'networkIdQr', 'staffAssisted'] : [],
      scanning: kiosk && !isProof,
      ...(kiosk ? { printTemplate: isProof ? 'proof-a4' : 'receipt-80mm' } : {}),
    },
    topics,
  };
}

/** The large demo catalog; the same every time. */
export function largeDemoCatalog(options: { version?: string } = {}): CatalogInput {
  const items: ItemInput[] = [];
  for (const region of regions) {
    basics.forEach((base, baseIndex) => {
      base[5].forEach((_situation, situationIndex) => items.push(makeItem(base, baseIndex + 1, situationIndex, region)));
    });
  }
  streets.forEach(([district, street], i) => {
    const districtName = regions.find((r) => r.code === district)?.name ?? '';
    const region: Region = { code: `${district}${String(i + 1).padStart(3, '0')}`, name: street, level: 'township', department: `青岛市${districtName}${street}便民服务中心` };
    basics.forEach((base, baseIndex) => {
      if (base[0] !== 'rs' && base[0] !== 'mz') return;
      base[5].forEach((_situation, situationIndex) => items.push(makeItem(base, baseIndex + 1, situationIndex, region)));
    });
  });
  return {
    schemaVersion: 1,
    version: options.version ?? '2026.11.01-large',
    publishedAt: '2026-11-01T08:00:00+08:00',
    issuer: '青岛市政务服务管理办公室（演示）',
    items,
    bundles: [],
  };
}

if (process.argv[1]?.endsWith('large-demo-catalog.ts') && process.argv[2]) {
  const doc = largeDemoCatalog();
  writeFileSync(process.argv[2], `${JSON.stringify(doc)}\n`);
  process.stdout.write(`${doc.items.length} items → ${process.argv[2]}\n`);
}
