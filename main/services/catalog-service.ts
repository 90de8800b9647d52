// The item catalog on the kiosk: holds the catalog in use (the sync agent's last good one, at start and on every
// update) and answers what the screen browses: a compact overview for the home screen and the search, and one item's
// guide (办事指南). The document is parsed again with the contract's schema here, so a source that hands over
// something else (a test double, a future source) can never reach the screen; a document that fails is logged and
// the previous one stays.
import { type Bundle, CatalogDocument, type Item } from '../../contracts/catalog';
import type { CatalogDepartment, CatalogItemSummary, CatalogOverview, CatalogTopic, ItemForm, ItemGuide } from '../../contracts/kiosk-api';
import { buildItemForm } from './item-form';
import type { ServiceLogger } from './service-logger';

/** What the sync agent offers (SyncAgentHandle's `catalog()` / `onCatalog()`), structurally. */
export interface CatalogSource {
  catalog(): { version: string; document: unknown } | null;
  onCatalog(listener: (catalog: { version: string; document: unknown }) => void): () => void;
}

/**
 * Topics (主题) meant for companies; every other topic is a life event of individuals. The catalog contract has no
 * audience field yet, so the kiosk knows these names (the national 法人 life-event list).
 */
export const companyTopics: ReadonlySet<string> = new Set([
  '企业服务',
  '企业开办',
  '经营纳税',
  '员工招聘与社保',
  '企业变更',
  '企业注销',
  '资质许可',
  '工程建设',
  '企业不动产',
]);

/** What people call a department (shown on its tile, matched by search), by the words in its official name. */
const shortNames: [RegExp, string][] = [
  [/医疗保障/, '医保'],
  [/人力资源和社会保障|社会保险/, '社保'],
  [/住房公积金/, '公积金'],
  [/不动产|自然资源/, '不动产'],
  [/公安/, '公安'],
  [/市场监督/, '市场监管'],
  [/税务/, '税务'],
  [/民政/, '民政'],
];

export function departmentShortName(name: string): string {
  for (const [pattern, short] of shortNames) if (pattern.test(name)) return short;
  // 青岛市交通运输局 → 交通运输局: drop the place name before 市/区/县.
  const trimmed = name.replace(/^.*?[市区县]/, '');
  return (trimmed || name).slice(0, 50);
}

/** Hot items (热门办事) until the platform publishes its own: the first kiosk item whose name holds each of these. */
const defaultHotNames = [
  '养老保险参保缴费证明打印',
  '住房公积金缴存证明',
  '医疗保障参保信息查询',
  '不动产登记资料查询',
  '无犯罪记录证明',
  '营业执照自助打印',
  '个人所得税纳税记录',
  '异地就医备案',
];

const maxHot = 12;

export interface CatalogServiceOptions {
  /** Absent: the kiosk has no catalog source (yet) and offers an empty catalog. */
  source?: CatalogSource;
  logger: ServiceLogger;
  /** Names (substrings) that pick the hot items, most wanted first. */
  hotNames?: string[];
}

interface Current {
  version: string;
  overview: CatalogOverview;
  items: Map<string, Item>;
  document: CatalogDocument;
}

export class CatalogService {
  readonly #logger: ServiceLogger;
  readonly #hotNames: string[];
  readonly #listeners = new Set<(version: string) => void>();
  readonly #stopSource: () => void;
  #current: Current | null = null;

  constructor(options: CatalogServiceOptions) {
    this.#logger = options.logger;
    this.#hotNames = options.hotNames ?? defaultHotNames;
    const initial = options.source?.catalog();
    if (initial) this.#use(initial);
    this.#stopSource = options.source?.onCatalog((next) => {
      if (this.#use(next)) for (const listener of this.#listeners) listener(next.version);
    }) ?? (() => {});
  }

  /** The version in use, or null. */
  get version(): string | null {
    return this.#current?.version ?? null;
  }

  overview(): CatalogOverview {
    return this.#current?.overview ?? { version: null, departments: [], topics: [], hot: [], items: [], bundles: [] };
  }

  guide(code: string): ItemGuide | undefined {
    const item = this.#current?.items.get(code);
    return item && toGuide(item);
  }

  /** What a journey collects for an item or a bundle (main/services/item-form.ts). */
  form(code: string): ItemForm | undefined {
    return this.#current ? buildItemForm(this.#current.document, code) : undefined;
  }

  /** Called with the version of each new catalog taken into use; returns the unsubscribe function. */
  onChange(listener: (version: string) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  close(): void {
    this.#stopSource();
    this.#listeners.clear();
  }

  #use(catalog: { version: string; document: unknown }): boolean {
    const parsed = CatalogDocument.safeParse(catalog.document);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      this.#logger.warn({ version: catalog.version, path: issue?.path.join('.') }, 'catalog refused by the catalog service; the previous one stays');
      return false;
    }
    const document = parsed.data;
    this.#current = {
      version: catalog.version,
      overview: buildOverview(catalog.version, document.items, this.#hotNames, document.bundles),
      items: new Map(document.items.map((item) => [item.implementationCode, item])),
      document,
    };
    this.#logger.info({ version: catalog.version, items: document.items.length }, 'catalog in use');
    return true;
  }
}

export function buildOverview(version: string, items: Item[], hotNames: string[] = defaultHotNames, bundles: Bundle[] = []): CatalogOverview {
  const departments: CatalogDepartment[] = [];
  const departmentIndex = new Map<string, number>();
  const topics: CatalogTopic[] = [];
  const topicIndex = new Map<string, number>();
  const summaries: CatalogItemSummary[] = items.map((item) => {
    let dept = departmentIndex.get(item.department.code);
    if (dept === undefined) {
      dept = departments.length;
      departmentIndex.set(item.department.code, dept);
      departments.push({ ...item.department, shortName: departmentShortName(item.department.name) });
    }
    const topicRefs = item.topics.map((name) => {
      let index = topicIndex.get(name);
      if (index === undefined) {
        index = topics.length;
        topicIndex.set(name, index);
        topics.push({ name, audience: companyTopics.has(name) ? 'company' : 'individual' });
      }
      return index;
    });
    return { code: item.implementationCode, name: item.name, dept, topics: topicRefs, kiosk: item.terminal.available };
  });
  const hot: string[] = [];
  for (const name of hotNames) {
    const found = summaries.find((s) => s.kiosk && s.name.includes(name) && !hot.includes(s.code));
    if (found) hot.push(found.code);
    if (hot.length >= maxHot) break;
  }
  return {
    version,
    departments,
    topics,
    hot,
    items: summaries,
    bundles: bundles.map(({ code, name, description, itemCodes }) => ({ code, name, ...(description ? { description } : {}), itemCodes })),
  };
}

function toGuide(item: Item): ItemGuide {
  return {
    code: item.implementationCode,
    name: item.name,
    department: item.department,
    type: item.type,
    conditions: item.conditions,
    materials: item.materials,
    procedure: item.procedure,
    timeLimits: item.timeLimits,
    fees: item.fees,
    legalBasis: item.legalBasis,
    results: item.results,
    terminal: {
      available: item.terminal.available,
      identityModes: item.terminal.identityModes,
      scanning: item.terminal.scanning,
      printing: item.terminal.printTemplate !== undefined,
      instantApproval: item.instantApproval !== undefined,
    },
    topics: item.topics,
  };
}
