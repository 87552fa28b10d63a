// The presenter-mode switch in the top bar (the `p` key does the same).

import { usePresenter } from '../../store/presenter.ts';
import './presenter.css';

export function PresenterToggle() {
  const on = usePresenter((s) => s.on);
  const toggle = usePresenter((s) => s.toggle);
  return (
    <button
      type="button"
      className="presenter-toggle"
      data-testid="control-presenter"
      aria-pressed={on}
      aria-label="Presenter mode (p)"
      title="Presenter mode: big type for a projector (p)"
      onClick={toggle}
    >
      <svg className="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
        <path d="M1 2 H15 V11 H1 Z M2.5 3.5 V9.5 H13.5 V3.5 Z M7 11 H9 V13 H12 V14.5 H4 V13 H7 Z" fill="currentColor" />
      </svg>{' '}
      <span className="label">Present</span>
    </button>
  );
}
