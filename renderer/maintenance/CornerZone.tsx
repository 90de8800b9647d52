// The hidden entry: a transparent square in one corner of the screen that counts taps. It sits above the screens,
// so the taps never reach the button that may be under it.
import { type CSSProperties, useState } from 'react';
import type { MaintenanceGesture } from '../../contracts/maintenance-api';
import { TapCounter } from './tap-counter';

export function CornerZone(props: { gesture: MaintenanceGesture; onGesture(): void }) {
  const { corner, taps, withinSeconds, sizePx } = props.gesture;
  const [counter] = useState(() => new TapCounter(taps, withinSeconds * 1000));
  const style: CSSProperties = {
    width: sizePx,
    height: sizePx,
    [corner.startsWith('top') ? 'top' : 'bottom']: 0,
    [corner.endsWith('Left') ? 'left' : 'right']: 0,
  };
  return (
    <div
      className="maintenance-corner"
      style={style}
      aria-hidden="true"
      data-testid="maintenance-corner"
      onPointerDown={(event) => {
        event.preventDefault();
        event.stopPropagation();
        if (counter.tap(event.timeStamp)) props.onGesture();
      }}
    />
  );
}
