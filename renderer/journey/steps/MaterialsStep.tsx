// Materials: each one scanned into the session (`materials.scan`, flatbed, one page a tap), shown as thumbnails that
// can be retaken or removed; those that shared data or an e-licence covers need no scan.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ItemForm, ScanErrorCode, ScannedPageInfo } from '../../../contracts/kiosk-api';
import { useKioskApi } from '../../api/kiosk-api-context';
import { useBusy } from '../../session/idle-context';
import { coveredMaterials } from '../form-fields';
import type { StepProps } from '../step-props';

type Material = ItemForm['materials'][number];
type Problem = { material: string; code: ScanErrorCode | 'broken' };

function Thumbnail(props: { sessionId: string; page: ScannedPageInfo; label: string }) {
  const api = useKioskApi();
  const [src, setSrc] = useState<string | undefined>();
  useEffect(() => {
    let stopped = false;
    api.invoke('materials.thumbnail', { sessionId: props.sessionId, pageId: props.page.pageId }).then(
      (answer) => !stopped && answer.found && setSrc(answer.dataUrl),
      () => undefined,
    );
    return () => {
      stopped = true;
    };
  }, [api, props.sessionId, props.page.pageId]);
  return src ? <img className="thumbnail" src={src} alt={props.label} /> : <span className="thumbnail thumbnail-empty">{props.label}</span>;
}

export function MaterialsStep(props: StepProps) {
  const { t } = useTranslation();
  const api = useKioskApi();
  const { state, form, sessionId, dispatch } = props;
  const covered = coveredMaterials(state);
  const [scanning, setScanning] = useState<string | undefined>();
  const [problem, setProblem] = useState<Problem | undefined>();
  useBusy(scanning !== undefined);

  const pagesOf = (code: string) => state.pages[code] ?? [];
  const missing = form.materials.filter((m) => m.required && !covered.has(m.code) && pagesOf(m.code).length === 0);

  const scan = async (material: Material, replacing?: ScannedPageInfo) => {
    setScanning(material.code);
    setProblem(undefined);
    try {
      let pages = pagesOf(material.code);
      if (replacing) {
        await api.invoke('materials.remove', { sessionId, pageId: replacing.pageId });
        pages = pages.filter((p) => p.pageId !== replacing.pageId);
      }
      const answer = await api.invoke('materials.scan', { sessionId, materialCode: material.code, source: 'flatbed' });
      // Pages scanned before a failure stay in the session: list them either way.
      dispatch({ type: 'pagesChanged', materialCode: material.code, pages: [...pages, ...answer.pages] });
      if (!answer.ok) setProblem({ material: material.code, code: answer.error.code });
    } catch {
      setProblem({ material: material.code, code: 'broken' });
    } finally {
      setScanning(undefined);
    }
  };

  const remove = async (material: Material, page: ScannedPageInfo) => {
    try {
      await api.invoke('materials.remove', { sessionId, pageId: page.pageId });
      dispatch({ type: 'pagesChanged', materialCode: material.code, pages: pagesOf(material.code).filter((p) => p.pageId !== page.pageId) });
    } catch {
      setProblem({ material: material.code, code: 'broken' });
    }
  };

  return (
    <section className="step step-materials" data-testid="step-materials">
      <h2>{t('journey.materials.title')}</h2>
      <p>{t('journey.materials.hint')}</p>
      <ul className="material-list">
        {form.materials.map((m) => {
          const pages = pagesOf(m.code);
          return (
            <li key={m.code} className="material" data-testid={`material-${m.code}`}>
              <div className="material-head">
                <span className="material-name">{m.name}</span>
                <span className={`tag ${m.required ? 'tag-required' : 'tag-muted'}`}>{m.required ? t('journey.materials.required') : t('journey.materials.optional')}</span>
              </div>
              {covered.has(m.code) ? (
                <p className="material-covered" data-testid="material-covered">
                  {t('journey.materials.covered')}
                </p>
              ) : (
                <>
                  <div className="thumbnails">
                    {pages.map((page, i) => (
                      <figure key={page.pageId} className="page" data-testid="scanned-page">
                        <Thumbnail sessionId={sessionId} page={page} label={t('journey.materials.page', { number: i + 1 })} />
                        <figcaption>
                          <button type="button" className="pill" disabled={scanning !== undefined} onClick={() => void scan(m, page)}>
                            {t('journey.materials.retake')}
                          </button>
                          <button type="button" className="pill" disabled={scanning !== undefined} onClick={() => void remove(m, page)}>
                            {t('journey.materials.remove')}
                          </button>
                        </figcaption>
                      </figure>
                    ))}
                  </div>
                  <button type="button" className="action" data-testid="scan" disabled={scanning !== undefined} onClick={() => void scan(m)}>
                    {scanning === m.code ? t('journey.materials.scanning') : pages.length ? t('journey.materials.scanMore') : t('journey.materials.scan')}
                  </button>
                  {problem?.material === m.code && (
                    <p className="step-error" role="alert">
                      {t(`journey.materials.error.${problem.code}`)}
                    </p>
                  )}
                </>
              )}
            </li>
          );
        })}
      </ul>
      <div className="step-actions">
        {missing.length > 0 && <p className="step-notice">{t('journey.materials.missing', { names: missing.map((m) => m.name).join(t('journey.listSeparator')) })}</p>}
        <button type="button" className="action action-next" data-testid="materials-next" disabled={missing.length > 0 || scanning !== undefined} onClick={() => dispatch({ type: 'next' })}>
          {t('journey.next')}
        </button>
      </div>
    </section>
  );
}
