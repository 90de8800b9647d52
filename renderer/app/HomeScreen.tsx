import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogItemSummary } from '../../contracts/kiosk-api';
import { OnScreenKeyboard } from '../catalog/OnScreenKeyboard';
import type { CatalogState } from '../catalog/use-catalog';
import { useSpokenInstructions } from '../speech/speech-context';
import { TopBar } from './TopBar';

/** What the browse panel lists when no search is typed: the home tiles, or the items of one topic or department. */
export type Browse = { kind: 'tiles' } | { kind: 'topic'; topic: number } | { kind: 'department'; shortName: string };

const maxListed = 60;

export function HomeScreen(props: {
  catalog: CatalogState;
  query: string;
  onQuery(query: string): void;
  browse: Browse;
  onBrowse(browse: Browse): void;
  onOpenItem(code: string): void;
  /** Starts a bundle (一件事) at once: its items are done with one form. */
  onOpenBundle(code: string): void;
  onProgress(): void;
  onExit(): void;
  elderMode: boolean;
  onToggleElderMode(): void;
  onToggleLanguage(): void;
}) {
  const { t } = useTranslation();
  useSpokenInstructions(t('session.spokenHome'));
  const { catalog, query } = props;
  const [audience, setAudience] = useState<'individual' | 'company'>('individual');

  const ready = catalog.state === 'ready' ? catalog : undefined;
  const results = useMemo(() => (ready && query ? ready.index.search(query, maxListed) : []), [ready, query]);

  // Departments grouped by what people call them (the city's and each district's 社保 office are one tile).
  const departments = useMemo(() => {
    if (!ready) return [];
    const counts = new Map<string, number>();
    for (const item of ready.overview.items) {
      const short = ready.overview.departments[item.dept]?.shortName;
      if (short) counts.set(short, (counts.get(short) ?? 0) + 1);
    }
    return [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([name, count]) => ({ name, count }));
  }, [ready]);

  const listed = useMemo((): CatalogItemSummary[] => {
    if (!ready) return [];
    const { items, departments: depts } = ready.overview;
    if (query) return results.map((h) => items[h.index]!);
    if (props.browse.kind === 'topic') {
      const topic = props.browse.topic;
      return items.filter((i) => i.topics.includes(topic));
    }
    if (props.browse.kind === 'department') {
      const short = props.browse.shortName;
      return items.filter((i) => depts[i.dept]?.shortName === short);
    }
    return [];
  }, [ready, query, results, props.browse]);

  const renderItem = (item: CatalogItemSummary) => (
    <li key={item.code}>
      <button type="button" className="item-row" data-testid="item-row" onClick={() => props.onOpenItem(item.code)}>
        <span className="item-name">{item.name}</span>
        <span className="item-meta">
          {ready?.overview.departments[item.dept]?.name}
          {!item.kiosk && <span className="tag tag-muted">{t('home.notAtKiosk')}</span>}
        </span>
      </button>
    </li>
  );

  let panel;
  if (catalog.state === 'loading') panel = <p className="notice">{t('home.loading')}</p>;
  else if (catalog.state === 'failed') panel = <p className="notice">{t('home.unavailable')}</p>;
  else if (catalog.overview.items.length === 0) panel = <p className="notice">{t('home.empty')}</p>;
  else if (query) {
    panel = (
      <section aria-labelledby="results-heading" className="browse-list">
        <h2 id="results-heading">{results.length > 0 ? t('home.resultsFor', { query, count: results.length }) : t('home.noResults', { query })}</h2>
        <ul className="item-list" data-testid="search-results">{listed.map(renderItem)}</ul>
      </section>
    );
  } else if (props.browse.kind !== 'tiles') {
    const title = props.browse.kind === 'topic' ? catalog.overview.topics[props.browse.topic]?.name : props.browse.shortName;
    panel = (
      <section aria-labelledby="list-heading" className="browse-list">
        <div className="list-head">
          <button type="button" className="pill" onClick={() => props.onBrowse({ kind: 'tiles' })}>
            {t('nav.back')}
          </button>
          <h2 id="list-heading">{t('home.listTitle', { name: title, count: listed.length })}</h2>
        </div>
        <ul className="item-list">{listed.slice(0, maxListed).map(renderItem)}</ul>
        {listed.length > maxListed && <p className="notice">{t('home.more', { count: listed.length - maxListed })}</p>}
      </section>
    );
  } else {
    const { overview } = catalog;
    const topics = overview.topics.map((topic, i) => ({ ...topic, i })).filter((topic) => topic.audience === audience);
    panel = (
      <>
        <section aria-labelledby="hot-heading">
          <h2 id="hot-heading">{t('home.hot')}</h2>
          <div className="tiles tiles-hot">
            {overview.hot.map((code) => {
              const item = overview.items[catalog.byCode.get(code) ?? -1];
              return (
                item && (
                  <button type="button" className="tile tile-hot" key={code} onClick={() => props.onOpenItem(code)}>
                    {item.name}
                  </button>
                )
              );
            })}
          </div>
        </section>
        {overview.bundles.length > 0 && (
          <section aria-labelledby="bundles-heading">
            <h2 id="bundles-heading">{t('journey.bundles')}</h2>
            <div className="tiles tiles-hot">
              {overview.bundles.map((bundle) => (
                <button type="button" className="tile tile-hot tile-bundle" data-testid="bundle-tile" key={bundle.code} onClick={() => props.onOpenBundle(bundle.code)}>
                  {bundle.name}
                </button>
              ))}
            </div>
          </section>
        )}
        <section aria-labelledby="topics-heading">
          <div className="section-head">
            <h2 id="topics-heading">{t('home.topics')}</h2>
            <div className="segmented" role="group" aria-label={t('home.audience')}>
              {(['individual', 'company'] as const).map((a) => (
                <button type="button" key={a} className="pill" aria-pressed={audience === a} onClick={() => setAudience(a)}>
                  {t(`home.${a}`)}
                </button>
              ))}
            </div>
          </div>
          <div className="tiles">
            {topics.map((topic) => (
              <button type="button" className="tile" key={topic.name} onClick={() => props.onBrowse({ kind: 'topic', topic: topic.i })}>
                {topic.name}
              </button>
            ))}
          </div>
        </section>
        <section aria-labelledby="departments-heading">
          <h2 id="departments-heading">{t('home.departments')}</h2>
          <div className="tiles">
            {departments.map((d) => (
              <button type="button" className="tile" key={d.name} onClick={() => props.onBrowse({ kind: 'department', shortName: d.name })}>
                {d.name}
              </button>
            ))}
          </div>
        </section>
      </>
    );
  }

  return (
    <main className="screen home-screen" data-testid="home-screen">
      <TopBar title={t('home.title')} elderMode={props.elderMode} onToggleElderMode={props.onToggleElderMode} onToggleLanguage={props.onToggleLanguage}>
        <button type="button" className="pill" data-testid="home-exit" onClick={props.onExit}>
          {t('nav.exit')}
        </button>
        <button type="button" className="pill" data-testid="progress-entry" onClick={props.onProgress}>
          {t('progress.entry')}
        </button>
      </TopBar>
      <div className="home-body">
        <section className="search-panel" aria-label={t('home.search')}>
          <div className="search-box" data-testid="search-box" role="searchbox" aria-label={t('home.search')}>
            {query ? <span className="search-query">{query}</span> : <span className="search-placeholder">{t('home.searchPlaceholder')}</span>}
          </div>
          <OnScreenKeyboard
            onKey={(key) => props.onQuery(query + key)}
            onBackspace={() => props.onQuery(query.slice(0, -1))}
            onClear={() => props.onQuery('')}
          />
        </section>
        <div className="browse-panel">{panel}</div>
      </div>
    </main>
  );
}
