// Search over the large demo catalog (5,000+ items) as the home screen does it: index build (pinyin precomputed with
// pinyin-pro) and one query per keystroke of realistic inputs (pinyin initials, full pinyin, Chinese, item codes).
import { largeDemoCatalog } from '../../platform/catalog/large-demo-catalog';
import { CatalogDocument } from '../../contracts/catalog';
import { buildOverview } from '../../main/services/catalog-service';
import { buildSearchIndex } from '../../renderer/catalog/search-index';
import type { BenchFigure, Benchmark } from './bench';
import { percentile } from './bench';

/** Typed a key at a time: each prefix is one query, as on the on-screen keyboard. */
const typed = ['gjj', 'shebao', 'sb', 'gongjijintiqu', 'bdcdj', '公积金提取', '不动产登记', '养老保险', '370202-000112', 'wfzjlzm', 'yidijiuyi'];

const bench: Benchmark = {
  name: 'catalog search (renderer/catalog/search-index.ts)',
  async run(): Promise<BenchFigure[]> {
    const doc = CatalogDocument.parse(largeDemoCatalog());
    const overview = buildOverview('bench', doc.items);
    const buildStart = performance.now();
    const index = buildSearchIndex(overview);
    const build = performance.now() - buildStart;
    const samples: number[] = [];
    for (let round = 0; round < 10; round++) {
      for (const word of typed) {
        for (let n = 1; n <= word.length; n++) {
          const start = performance.now();
          index.search(word.slice(0, n));
          samples.push(performance.now() - start);
        }
      }
    }
    const payload = JSON.stringify(overview).length;
    return [
      { key: 'search.items', value: index.size, unit: 'items', note: 'large demo catalog' },
      { key: 'search.build.ms', value: build, unit: 'ms', note: 'index build incl. pinyin of every distinct name' },
      { key: 'search.query.ms.p50', value: percentile(samples, 50), unit: 'ms', note: `one keystroke, p50 of ${samples.length}` },
      { key: 'search.query.ms.p95', value: percentile(samples, 95), unit: 'ms', note: 'same, p95' },
      { key: 'catalog.get.bytes', value: payload, unit: 'B', note: 'catalog.get payload (JSON) for this catalog' },
    ];
  },
};

export default bench;
