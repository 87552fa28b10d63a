// The lesson picker: one lesson per lab question, offered on a first visit (and from the top
// bar's Lessons button). Closing it either way is remembered, so it does not come back.

import { useEffect } from 'react';
import { allLessons } from '../../core/index.ts';
import { useLab, useLabStoreApi } from '../../store/context.tsx';
import { selectPickerOpen, selectSeed } from '../../store/selectors.ts';
import './lesson.css';

export const PICKER_DISMISSED_KEY = 'dslab.lessonPicker.dismissed';

/** Remembers that the picker was seen (storage may be unavailable: then it simply shows again). */
export function rememberPickerDismissed(): void {
  try {
    window.localStorage.setItem(PICKER_DISMISSED_KEY, '1');
  } catch {
    // Private mode or storage disabled.
  }
}

export function pickerDismissed(): boolean {
  try {
    return window.localStorage.getItem(PICKER_DISMISSED_KEY) === '1';
  } catch {
    return false;
  }
}

export function LessonPicker() {
  const store = useLabStoreApi();
  const open = useLab(selectPickerOpen);
  const seed = useLab(selectSeed);
  const close = (): void => {
    rememberPickerDismissed();
    store.getState().setPickerOpen(false);
  };
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent): void => {
      if (event.key !== 'Escape') return;
      rememberPickerDismissed();
      store.getState().setPickerOpen(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, store]);
  if (!open) return null;
  return (
    <div className="lesson-picker-backdrop">
      <section className="lesson-picker" data-testid="lesson-picker" role="dialog" aria-modal="true" aria-labelledby="picker-heading">
        <h2 id="picker-heading">Learn it step by step</h2>
        <p>Each lesson runs one question of the lab on the real simulation, pausing at the moments that matter. Predict, then watch.</p>
        <ul>
          {allLessons.map((l) => (
            <li key={l.preset}>
              <button
                type="button"
                data-lesson={l.preset}
                onClick={() => {
                  rememberPickerDismissed();
                  store.getState().openLesson(l.preset, seed, 0);
                }}
              >
                <strong>
                  {l.question} · {l.title}
                </strong>
                <span>{l.blurb}</span>
              </button>
            </li>
          ))}
        </ul>
        <button type="button" className="picker-free" data-testid="lesson-picker-close" onClick={close}>
          Explore on my own
        </button>
      </section>
    </div>
  );
}
