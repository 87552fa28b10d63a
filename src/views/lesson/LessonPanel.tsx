// The open lesson: the step's narration with the run's own numbers, its prediction (answered
// by clicking before the run shows it), the verdicts on earlier predictions once the run has
// shown them, the lab's own output beside ours, and the try-this challenges checked against
// the trace. Next plays the run to the next step's cue; the runner pauses itself there.

import { useEffect } from 'react';
import { challengeResults, type Lesson, lessonFor, type StepContext, stepContext, verdictFor } from '../../core/index.ts';
import { useLab, useLabStoreApi } from '../../store/context.tsx';
import { lessonRun } from '../../store/lesson-slice.ts';
import { selectFinished, selectFrame, selectLesson, selectPlaying, selectRunId, selectScenario } from '../../store/selectors.ts';
import './lesson.css';

function Verdicts({
  lesson,
  ctx,
  upTo,
  answers,
}: {
  lesson: Lesson;
  ctx: StepContext;
  upTo: number;
  answers: Readonly<Record<string, string>>;
}) {
  const shown = lesson.steps.flatMap((step, i) => {
    const p = step.predict;
    if (!p || i > upTo) return [];
    const answer = answers[p.id] ?? null;
    if (i === upTo && answer === null) return [];
    const at = stepContext(ctx, ctx.cues, i);
    const labels = new Map(p.choices(at).map((c) => [c.id, c.label]));
    const verdict = verdictFor(p.outcome(at), answer, (id) => labels.get(id) ?? id);
    return verdict ? [{ id: p.id, question: p.question, verdict }] : [];
  });
  if (shown.length === 0) return null;
  return (
    <ul className="lesson-verdicts" aria-live="polite">
      {shown.reverse().map(({ id, question, verdict }) => (
        <li
          key={id}
          data-testid="lesson-verdict"
          data-prediction={id}
          data-right={String(verdict.right)}
          className={verdict.right ? 'right' : 'wrong'}
        >
          <span className="verdict-question">{question}</span> {verdict.text}
        </li>
      ))}
    </ul>
  );
}

function LabBeside({ lesson, ctx }: { lesson: Lesson; ctx: StepContext }) {
  return (
    <section className="lesson-lab" data-testid="lesson-lab" aria-label="As the lab printed it">
      <div>
        <h3>The lab printed ({lesson.lab.program})</h3>
        <pre>{lesson.lab.output}</pre>
      </div>
      <div>
        <h3>This run, in the lab’s format</h3>
        <pre data-testid="lesson-ours">{lesson.lab.ours(ctx)}</pre>
      </div>
      <ul className="lesson-wrong">
        {lesson.lab.wrong.map((w) => (
          <li key={w}>{w}</li>
        ))}
      </ul>
    </section>
  );
}

function Challenges({ lesson, ctx, since }: { lesson: Lesson; ctx: StepContext; since: number }) {
  const results = challengeResults(lesson, ctx, since);
  return (
    <section className="lesson-challenges" aria-label="Try this">
      <h3>Try this</h3>
      <ol>
        {lesson.challenges.map((c, i) => {
          const r = results[i] ?? null;
          return (
            <li key={c.id} data-testid="lesson-challenge" data-challenge={c.id} data-done={String(r?.done ?? false)}>
              <span>{c.task}</span>
              {r && <strong className={r.done ? 'right' : 'pending'}> {r.text}</strong>}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

export function LessonPanel() {
  const store = useLabStoreApi();
  const progress = useLab(selectLesson);
  const scenario = useLab(selectScenario);
  // Frames matter only while a lesson is open: without one, the panel does not re-render every frame.
  const frame = useLab((s) => (s.lesson ? selectFrame(s) : 0));
  const runId = useLab(selectRunId);
  const playing = useLab(selectPlaying);
  const finished = useLab(selectFinished);

  // Cues the run reached since the last frame; a lesson whose preset was closed ends.
  useEffect(() => {
    const s = store.getState();
    if (!s.lesson) return;
    const def = lessonFor(s.lesson.id);
    if (s.scenario && def && s.scenario.id !== def.preset) s.closeLesson();
    else s.trackLesson();
  }, [store, frame, runId, scenario]);

  // The address names the lesson and the step shown.
  const shownStep = progress ? Math.min(progress.step, progress.cues.length - 1) : -1;
  useEffect(() => {
    const params = new URLSearchParams(window.location.search);
    // Unchanged: leave the address alone (rewriting it would re-encode the other parameters).
    const want = progress ? [progress.id, String(shownStep + 1)] : [null, null];
    if (params.get('lesson') === want[0] && params.get('step') === want[1]) return;
    if (progress) {
      params.set('lesson', progress.id);
      params.set('step', String(shownStep + 1));
    } else {
      params.delete('lesson');
      params.delete('step');
    }
    const search = `?${params.toString()}`;
    if (window.location.search !== search)
      window.history.replaceState(null, '', `${window.location.pathname}${search}${window.location.hash}`);
  }, [progress, shownStep, scenario]);

  if (!progress) return null;
  const open = lessonRun(store.getState());
  if (!open) return null;
  const { def } = open;
  const ctx = stepContext(open.run, progress.cues, shownStep);
  const step = def.steps[shownStep];
  if (!step) return null;
  const waiting = progress.step > shownStep;
  const target = def.steps[progress.step];
  const narration = step.narrate(ctx);
  const prediction = !waiting ? step.predict : undefined;
  const answer = prediction ? (progress.answers[prediction.id] ?? null) : null;
  const last = shownStep === def.steps.length - 1;
  const s = store.getState();

  return (
    <section
      className="panel lesson"
      data-testid="lesson"
      data-lesson={def.preset}
      data-step={shownStep + 1}
      data-steps={def.steps.length}
      data-waiting={String(waiting)}
      aria-labelledby="lesson-heading"
    >
      <header className="lesson-head">
        <h2 id="lesson-heading">
          {def.question} · {def.title}
        </h2>
        <span className="lesson-count">
          step {shownStep + 1} of {def.steps.length}
        </span>
        <button type="button" className="lesson-close" aria-label="Close the lesson" onClick={() => s.closeLesson()}>
          ×
        </button>
      </header>
      <h3 className="lesson-title">{step.title}</h3>
      <p className="lesson-text">{narration.text}</p>
      {narration.formula && <p className="lesson-formula">{narration.formula}</p>}
      {waiting ? (
        <p className="lesson-watch" role="status">
          {finished && !playing ? (
            <>
              This moment did not come: the run went another way ({target?.cue?.label ?? 'the next step'} never happened).{' '}
              <button type="button" onClick={() => s.restartLesson()}>
                Restart the lesson
              </button>
            </>
          ) : (
            <>Playing on until {target?.cue?.label ?? 'the next step'}…</>
          )}
        </p>
      ) : (
        <p className="lesson-watch">
          <strong>Watch:</strong> {narration.watch}
        </p>
      )}
      {prediction && (
        <fieldset className="lesson-predict">
          <legend>Predict: {prediction.question}</legend>
          {prediction.choices(ctx).map((c) => (
            <button
              key={c.id}
              type="button"
              data-testid="lesson-choice"
              data-choice={c.id}
              aria-pressed={answer === c.id}
              disabled={answer !== null}
              onClick={() => s.lessonAnswer(prediction.id, c.id)}
            >
              {c.label}
            </button>
          ))}
          {answer !== null && <span className="lesson-locked"> Your answer is in: press Next and watch.</span>}
        </fieldset>
      )}
      <Verdicts lesson={def} ctx={ctx} upTo={shownStep} answers={progress.answers} />
      {last && <LabBeside lesson={def} ctx={ctx} />}
      {last && <Challenges lesson={def} ctx={ctx} since={(progress.cues[shownStep] ?? -1) + 1} />}
      <nav className="lesson-nav" aria-label="Lesson steps">
        <button type="button" data-testid="lesson-prev" disabled={shownStep === 0} onClick={() => s.lessonPrev()}>
          ← Back
        </button>
        <button type="button" onClick={() => s.restartLesson()}>
          Restart
        </button>
        <button type="button" data-testid="lesson-next" disabled={progress.step >= def.steps.length - 1} onClick={() => s.lessonNext()}>
          Next →
        </button>
      </nav>
    </section>
  );
}
