// The branch staff's actions on a terminal's console page (who, what, when; newest first). The kiosk reports them in
// its heartbeats (`staffActions`, contracts/staff-audit.ts) at least once, so (terminal, seq) is an entry's identity
// and a repeat shows once (storage/ops-queries.ts `staffActions`).
import type { StaffAction } from '../../contracts/staff-audit';
import { type PageContext, cst } from './console-pages';
import { type SafeHtml, html } from './html';
import { type TextKey, consoleTexts } from './console-text';

/** An action the console has no words for yet (a newer kiosk) shows by its name. */
function actionText(ctx: PageContext, action: string): string {
  const key = `staff.action.${action}`;
  return Object.hasOwn(consoleTexts['zh-CN'], key) ? ctx.t(key as TextKey) : action;
}

export function staffActionsCard(ctx: PageContext, actions: readonly StaffAction[]): SafeHtml {
  const { t } = ctx;
  return html`<section class="card"><h2>${t('staff.title', { n: actions.length })}</h2>${
    actions.length === 0
      ? html`<p class="empty">${t('staff.none')}</p>`
      : html`<table class="grid small-rows" data-testid="staff-actions"><thead><tr><th>${t('col.time')}</th><th>${t('staff.who')}</th><th>${t('staff.what')}</th><th>${t('staff.detail')}</th></tr></thead>
<tbody>${actions.map(
          (a) => html`<tr><td>${cst(a.at)}</td><td class="mono">${a.staffId ?? t('staff.unknown')}</td><td>${actionText(ctx, a.action)}</td><td class="small">${a.detail ?? ''}</td></tr>`,
        )}</tbody></table>`
  }</section>`;
}
