// Reads key events (a coordinator elected, clocks adjusted) to screen readers through a
// polite live region; the last one also stays visible as a status line. After a "next
// message" step it says what that message was.

import { useLab } from '../../store/context.tsx';
import { selectAnnouncement, selectStepNote } from '../../store/selectors.ts';

export function Announcer() {
  const announcement = useLab(selectAnnouncement);
  const stepNote = useLab(selectStepNote);
  return (
    <p className="announcer" aria-live="polite" aria-atomic="true" data-testid="announcer">
      {stepNote ?? announcement?.text ?? ''}
    </p>
  );
}
