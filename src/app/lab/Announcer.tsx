// Reads key events (a coordinator elected, clocks adjusted) to screen readers through a
// polite live region; the last one also stays visible as a status line.

import { useLab } from '../../store/context.tsx';
import { selectAnnouncement } from '../../store/selectors.ts';

export function Announcer() {
  const announcement = useLab(selectAnnouncement);
  return (
    <p className="announcer" aria-live="polite" aria-atomic="true" data-testid="announcer">
      {announcement?.text ?? ''}
    </p>
  );
}
