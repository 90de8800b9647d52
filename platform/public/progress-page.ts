// The public progress page a receipt's QR code opens (`/p/<receipt code>`): what the kiosk's progress screen shows, on
// a phone. Only by receipt code, which cannot be guessed; a case number (they run in sequence) is not taken here, so
// nobody can walk through other people's cases. Nothing personal: CaseProgress holds none.
import type { CaseProgress } from '../../contracts/sync-api';
import { chinaDay, escapeHtml, publicPage } from './public-page';

const statusText: Record<CaseProgress['status'], string> = {
  awaitingMaterials: '已受理，材料上传中',
  received: '已受理，等待办理',
  inReview: '审核中',
  approved: '已办结：审批通过',
  rejected: '已办结：未通过',
};

const stepText: Record<CaseProgress['steps'][number]['name'], string> = {
  submitted: '提交申请',
  received: '受理',
  inReview: '审核',
  concluded: '办结',
};

export function progressPage(progress: CaseProgress): string {
  const rows: [string, string][] = [
    ['办件编号', progress.caseNumber],
    ['办理事项', progress.itemName ?? progress.itemCode],
    ['当前状态', statusText[progress.status]],
    ['提交日期', chinaDay(progress.submittedAt)],
  ];
  if (progress.promisedBy) rows.push(['承诺办结', chinaDay(`${progress.promisedBy}T00:00:00+08:00`)]);
  const steps = progress.steps
    .map((s) => `<li class="${s.done ? 'done' : 'todo'}">${s.done ? '✔' : '○'} ${escapeHtml(stepText[s.name])}${s.at ? `（${escapeHtml(chinaDay(s.at))}）` : ''}</li>`)
    .join('');
  const reasons = progress.decision?.reasons.length ? `<p>说明：</p><ul>${progress.decision.reasons.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ul>` : '';
  return publicPage(
    '办理进度',
    `<h1>办理进度</h1>
<dl>${rows.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>
<ol>${steps}</ol>${reasons}
<p>如有疑问，请凭回执到政务服务大厅咨询。</p>`,
  );
}

export function unknownReceiptPage(): string {
  return publicPage(
    '办理进度',
    `<h1 class="invalid">未找到此回执</h1>
<p>请扫描回执上的二维码。刚在自助终端提交的申请，可能需要几分钟才能在这里查到；也可以在任一自助终端凭办件编号查询。</p>`,
  );
}
