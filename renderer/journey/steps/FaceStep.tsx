// Live face capture for the comparison with the card's photo: the camera with an oval to put the face in, a light
// check, then one still frame (JPEG) sent to `identity.compareFace`. The picture exists only in this function's
// locals until the platform answers; the camera stops when the step leaves the screen.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useKioskApi } from '../../api/kiosk-api-context';
import { type CameraSession, openCamera } from '../../devices/camera-capture';
import { type Lighting, videoLighting } from '../../devices/frame-light';
import { useBusy } from '../../session/idle-context';
import type { StepProps } from '../step-props';

type Camera = { state: 'opening' } | { state: 'open' } | { state: 'failed' };
type Problem = 'badImage' | 'noFrame' | 'broken' | 'noCard';

function toBase64(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable picture'));
    reader.readAsDataURL(blob);
  });
}

export function FaceStep(props: StepProps) {
  const { t } = useTranslation();
  const api = useKioskApi();
  const { sessionId, dispatch } = props;
  const video = useRef<HTMLVideoElement>(null);
  const session = useRef<CameraSession | undefined>(undefined);
  const [camera, setCamera] = useState<Camera>({ state: 'opening' });
  const [lighting, setLighting] = useState<Lighting | undefined>();
  const [comparing, setComparing] = useState(false);
  const [problem, setProblem] = useState<Problem | undefined>();
  useBusy(comparing);

  useEffect(() => {
    let stopped = false;
    const sampler = document.createElement('canvas');
    let timer: ReturnType<typeof setInterval> | undefined;
    void openCamera().then(async (opened) => {
      if (stopped) {
        if (opened.ok) opened.value.stop();
        return;
      }
      if (!opened.ok || !video.current) return setCamera({ state: 'failed' });
      session.current = opened.value;
      const attached = await opened.value.attach(video.current);
      if (stopped) return;
      setCamera(attached.ok ? { state: 'open' } : { state: 'failed' });
      timer = setInterval(() => video.current && setLighting(videoLighting(video.current, sampler)), 500);
    });
    return () => {
      stopped = true;
      clearInterval(timer);
      session.current?.stop();
      session.current = undefined;
    };
  }, []);

  const capture = async () => {
    const current = session.current;
    if (!current || comparing) return;
    setProblem(undefined);
    setComparing(true);
    try {
      const still = await current.grabJpeg({ quality: 0.85 });
      if (!still.ok) return setProblem('noFrame');
      const answer = await api.invoke('identity.compareFace', { sessionId, consent: true, image: { mimeType: 'image/jpeg', base64: await toBase64(still.value) } });
      if (answer.ok) return dispatch({ type: 'faceAnswered', match: answer.match, attemptsLeft: answer.attemptsLeft, demo: answer.demo });
      const { code } = answer.error;
      if (code === 'offline' || code === 'serviceUnavailable') return dispatch({ type: 'faceUnavailable' });
      setProblem(code === 'badImage' || code === 'noCard' ? code : 'broken');
    } catch {
      setProblem('broken');
    } finally {
      setComparing(false);
    }
  };

  const mismatch = props.state.faceMismatch;
  return (
    <section className="step step-face" data-testid="step-face">
      <h2>{t('journey.face.title')}</h2>
      <div className="face-frame">
        <video ref={video} className="face-video" muted playsInline aria-label={t('journey.face.preview')} />
        <div className="face-oval" aria-hidden="true" />
      </div>
      <ul className="face-guidance" data-testid="face-guidance">
        <li>{t('journey.face.centre')}</li>
        <li className={lighting && lighting !== 'ok' ? 'guidance-warn' : undefined} data-lighting={lighting ?? 'checking'}>{t(`journey.face.light.${lighting ?? 'checking'}`)}</li>
      </ul>
      {camera.state === 'failed' && (
        <div className="step-error" role="alert">
          <p>{t('journey.face.cameraFailed')}</p>
          <button type="button" className="action" onClick={() => dispatch({ type: 'faceUnavailable' })}>
            {t('journey.face.otherPath')}
          </button>
        </div>
      )}
      {mismatch && !comparing && (
        <p className="step-error" role="alert" data-testid="face-mismatch">
          {t('journey.face.mismatch', { count: mismatch.attemptsLeft })}
        </p>
      )}
      {problem && (
        <p className="step-error" role="alert" data-testid="face-problem">
          {t(`journey.face.problem.${problem}`)}
        </p>
      )}
      <div className="step-actions">
        <button type="button" className="action" data-testid="face-capture" disabled={camera.state !== 'open' || comparing} onClick={() => void capture()}>
          {comparing ? t('journey.face.comparing') : mismatch || problem ? t('journey.face.again') : t('journey.face.capture')}
        </button>
      </div>
    </section>
  );
}
