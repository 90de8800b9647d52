// DEMO DATA: the fictional people the reference platform's shared data (数据共享) knows, so prefill, e-licences and
// proactive suggestions (无感审批) can be shown and tested without a real 大数据局. The first five have the same
// names and numbers as the ID card simulator's preset cards (drivers/idcard/simulator/test-cards.ts; copied, since
// platform/ may not import drivers/); the other five are for identity paths without a card (network ID, app QR).
// A real deployment replaces this module with the province's data-sharing exchange.
//
// Children's birth dates are given as days before "today", so the demo's proposals (a baby just born, a child under
// 3) hold whenever it runs.

export type Employment = 'employed' | 'unemployed' | 'retired' | 'selfEmployed';

export interface DemoChild {
  name: string;
  gender: 'male' | 'female';
  bornDaysAgo: number;
}

export interface DemoPerson {
  /** Resident ID number, or the permanent residence card's number. */
  idNumber: string;
  name: string;
  employment: Employment;
  /** Values for form fields that take `sharedData`, by field name (contracts/catalog.ts FormField). */
  shared: Record<string, string | number | boolean>;
  children: DemoChild[];
  /** Material codes an e-licence (电子证照) or shared record of this person covers. */
  licences: string[];
}

const resident = ['id-card', 'household-register'];

export const demoPopulation: readonly DemoPerson[] = [
  {
    idNumber: '11010519491231002X',
    name: '张三',
    employment: 'retired',
    shared: {
      phone: '13800000000',
      hukou: 'nonLocal',
      hukouAddress: '北京市朝阳区示例路1号',
      maritalStatus: 'married',
      socialSecurityNumber: '11010519491231002X',
      insuranceType: 'employee',
      contributionMonths: 396,
      bankAccount: '6217000010000000001',
      accountStatus: 'sealed',
      sealedMonths: 180,
    },
    children: [],
    licences: [...resident, 'bank-card', 'property-cert'],
  },
  {
    idNumber: '330106195603150845',
    name: '蓝𠮷䶮',
    employment: 'employed',
    shared: {
      phone: '13900000001',
      hukou: 'local',
      hukouAddress: '山东省青岛市市南区香港中路街道示例社区8号',
      maritalStatus: 'widowed',
      employer: '青岛示例纺织有限公司',
      socialSecurityNumber: '330106195603150845',
      insuranceType: 'employee',
      contributionMonths: 420,
      bankAccount: '6217000010000000002',
      accountStatus: 'normal',
      sealedMonths: 0,
    },
    children: [],
    licences: [...resident, 'bank-card'],
  },
  {
    idNumber: '810000198501010010',
    name: '陈大文',
    employment: 'employed',
    shared: {
      phone: '13700000002',
      hukou: 'nonLocal',
      hukouAddress: '广东省深圳市福田区示例路2号',
      maritalStatus: 'married',
      employer: '青岛示例港口物流有限公司',
      socialSecurityNumber: '810000198501010010',
      insuranceType: 'employee',
      contributionMonths: 84,
      bankAccount: '6217000010000000003',
      accountStatus: 'normal',
      sealedMonths: 0,
    },
    children: [{ name: '陈小宝', gender: 'male', bornDaysAgo: 20 }],
    licences: ['id-card', 'birth-medical-cert', 'marriage-cert', 'bank-card'],
  },
  {
    idNumber: 'USA110079101012',
    name: '史密斯',
    employment: 'employed',
    shared: {
      phone: '13600000003',
      hukou: 'nonLocal',
      maritalStatus: 'married',
      employer: '青岛示例国际学校',
      socialSecurityNumber: 'USA110079101012',
      insuranceType: 'employee',
      contributionMonths: 60,
      accountStatus: 'normal',
      sealedMonths: 0,
    },
    children: [],
    licences: ['id-card'],
  },
  {
    idNumber: '911100198808080056',
    name: '玛丽',
    employment: 'unemployed',
    shared: {
      phone: '13500000004',
      hukou: 'nonLocal',
      maritalStatus: 'single',
      socialSecurityNumber: '911100198808080056',
      insuranceType: 'employee',
      contributionMonths: 30,
      unemploymentRegistered: true,
      bankAccount: '6217000010000000005',
      accountStatus: 'sealed',
      sealedMonths: 7,
    },
    children: [],
    licences: ['id-card', 'separation-proof', 'bank-card'],
  },
  {
    idNumber: '370202194105060022',
    name: '王秀英',
    employment: 'retired',
    shared: {
      phone: '13300000005',
      hukou: 'local',
      hukouAddress: '山东省青岛市市南区八大关街道示例路5号',
      maritalStatus: 'widowed',
      socialSecurityNumber: '370202194105060022',
      insuranceType: 'resident',
      contributionMonths: 180,
      bankAccount: '6217000010000000006',
    },
    children: [],
    licences: [...resident, 'bank-card'],
  },
  {
    idNumber: '370213196607120038',
    name: '李建国',
    employment: 'employed',
    shared: {
      phone: '13200000006',
      hukou: 'local',
      hukouAddress: '山东省青岛市李沧区李村街道示例路6号',
      maritalStatus: 'married',
      employer: '青岛示例机械制造有限公司',
      socialSecurityNumber: '370213196607120038',
      insuranceType: 'employee',
      contributionMonths: 456,
      bankAccount: '6217000010000000007',
      accountStatus: 'normal',
      sealedMonths: 0,
    },
    children: [],
    licences: [...resident, 'bank-card', 'property-cert'],
  },
  {
    idNumber: '370203199502200016',
    name: '刘洋',
    employment: 'unemployed',
    shared: {
      phone: '13100000007',
      hukou: 'local',
      hukouAddress: '山东省青岛市市北区台东街道示例路7号',
      maritalStatus: 'single',
      socialSecurityNumber: '370203199502200016',
      insuranceType: 'employee',
      contributionMonths: 8,
      unemploymentRegistered: false,
      accountStatus: 'sealed',
      sealedMonths: 2,
    },
    children: [],
    licences: [...resident],
  },
  {
    idNumber: '370212199209180040',
    name: '赵敏',
    employment: 'employed',
    shared: {
      phone: '13000000008',
      hukou: 'local',
      hukouAddress: '山东省青岛市崂山区金家岭街道示例路8号',
      maritalStatus: 'married',
      employer: '青岛示例软件有限公司',
      socialSecurityNumber: '370212199209180040',
      insuranceType: 'employee',
      contributionMonths: 96,
      bankAccount: '6217000010000000009',
      accountStatus: 'normal',
      sealedMonths: 0,
    },
    children: [
      { name: '周小雨', gender: 'female', bornDaysAgo: 12 },
      { name: '周小雪', gender: 'female', bornDaysAgo: 800 },
    ],
    licences: [...resident, 'birth-medical-cert', 'marriage-cert', 'bank-card'],
  },
  {
    idNumber: '370281197011030059',
    name: '孙强',
    employment: 'selfEmployed',
    shared: {
      phone: '15800000009',
      hukou: 'local',
      hukouAddress: '山东省青岛市胶州市示例路9号',
      maritalStatus: 'divorced',
      socialSecurityNumber: '370281197011030059',
      insuranceType: 'resident',
      contributionMonths: 150,
    },
    children: [],
    licences: [...resident, 'business-licence'],
  },
];

const byIdNumber = new Map(demoPopulation.map((p) => [p.idNumber, p]));

export function findDemoPerson(idNumber: string): DemoPerson | undefined {
  return byIdNumber.get(idNumber);
}
