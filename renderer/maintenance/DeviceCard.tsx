// One device on the maintenance screen: its state and, for each thing wrong, the fix in plain words
// ("收据打印机缺纸 — 打开前盖，放入新纸卷"), with its test button.
import { useTranslation } from 'react-i18next';
import type { DeviceTest, MaintenanceDevice } from '../../contracts/maintenance-api';

export type TestState = { phase: 'running' } | { phase: 'done'; code: string; detail: string };

export function DeviceCard(props: { device: MaintenanceDevice; test: TestState | undefined; onTest(test: DeviceTest): void }) {
  const { t } = useTranslation();
  const { device } = props;
  const name = t(`maintenance.class.${device.class}`);
  const problems: { problem: string; fix: string }[] = device.conditions.map((condition) => ({
    // The class's own words where they differ (a receipt roll, an A4 tray), else the common ones.
    problem: t([`maintenance.conditionFor.${device.class}.${condition}.problem`, `maintenance.condition.${condition}.problem`], { defaultValue: condition }),
    fix: t([`maintenance.conditionFor.${device.class}.${condition}.fix`, `maintenance.condition.${condition}.fix`], { defaultValue: '' }),
  }));
  if (device.state !== 'online' && device.conditions.length === 0) problems.push({ problem: t(`maintenance.state.${device.state}`), fix: t(`maintenance.stateFix.${device.state}`) });
  const ok = problems.length === 0;

  return (
    <section className={ok ? 'device-card' : 'device-card device-card-bad'} data-testid={`device-${device.id}`} data-state={device.state}>
      <h3>
        <span className={ok ? 'device-dot device-dot-ok' : 'device-dot device-dot-bad'} aria-hidden="true" />
        {name}
        <span className="device-state">
          {ok ? t('maintenance.allGood') : device.state === 'online' ? t('maintenance.needsAction') : t('maintenance.stateLabel', { state: t(`maintenance.state.${device.state}`) })}
        </span>
      </h3>
      {problems.map(({ problem, fix }) => (
        <p className="device-problem" data-testid="device-problem" key={problem}>
          <strong>{t('maintenance.problem', { device: name, problem })}</strong>
          {fix && (
            <>
              {' — '}
              {fix}
            </>
          )}
        </p>
      ))}
      {device.tests.map((test) => (
        <button
          type="button"
          className="maintenance-button"
          key={test}
          data-testid={`test-${device.id}-${test}`}
          disabled={props.test?.phase === 'running'}
          onClick={() => props.onTest(test)}
        >
          {t(`maintenance.test.${test}`)}
        </button>
      ))}
      {props.test && (
        <p className="device-test-result" role="status" data-testid={`test-result-${device.id}`} data-code={props.test.phase === 'done' ? props.test.code : 'running'}>
          {props.test.phase === 'running'
            ? t('maintenance.testing')
            : `${t('maintenance.testResult', { outcome: t(`maintenance.outcome.${props.test.code}`) })} · ${props.test.detail}`}
        </p>
      )}
    </section>
  );
}
