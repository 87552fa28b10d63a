// The mutual exclusion lessons (mutex-central, ricart-agrawala, token-ring), each opened from
// the lesson menu and walked through by clicks to its end on the worker host: predictions
// answered right and wrong and judged from what the run did, the pseudocode's current line
// at a step, the lab's nearest program beside our run, and the first challenge done in the
// page and recognised from the trace.

import { expect, type Page, test } from '@playwright/test';
import { VisualLab } from '../pages/visual-lab.ts';

interface Walk {
  lesson: string;
  /** The answer to click per prediction, in step order, and whether the run will prove it right. */
  answers: Record<string, { choice: string; right: boolean }>;
  /** A step (1-based) and the pseudocode line marked current there. */
  line: { step: number; id: RegExp };
  /** Does the lesson's first challenge in the page. */
  challenge: (lab: VisualLab) => Promise<void>;
  recognised: RegExp;
}

const lesson = (page: Page) => page.getByTestId('lesson');

async function openFromMenu(page: Page, id: string): Promise<void> {
  await page.goto(`/?scenario=${id}&seed=1`);
  const picker = page.getByTestId('lesson-picker');
  // A first visit offers the picker by itself; otherwise the top bar's Lessons button opens it.
  if (!(await picker.isVisible())) await page.getByTestId('lessons-button').click();
  await expect(picker).toBeVisible();
  await picker.locator(`button[data-lesson="${id}"]`).click();
  await expect(picker).toBeHidden();
  await expect(lesson(page)).toHaveAttribute('data-lesson', id);
  await expect(lesson(page)).toHaveAttribute('data-step', '1');
}

async function walk(page: Page, w: Walk): Promise<void> {
  await openFromMenu(page, w.lesson);
  const steps = Number(await lesson(page).getAttribute('data-steps'));
  expect(steps).toBeGreaterThanOrEqual(6);
  expect(steps).toBeLessThanOrEqual(8);
  const order = Object.keys(w.answers);
  const asked: string[] = [];
  for (let step = 1; step <= steps; step++) {
    if (step > 1) {
      await page.getByTestId('lesson-next').click();
      await expect(lesson(page)).toHaveAttribute('data-step', String(step), { timeout: 45_000 });
      await expect(lesson(page)).toHaveAttribute('data-waiting', 'false', { timeout: 45_000 });
    }
    await expect(page).toHaveURL(new RegExp(`lesson=${w.lesson}&step=${step}$`));
    if (step === w.line.step)
      await expect(page.getByTestId('pseudocode').locator('[aria-current="step"]')).toHaveAttribute('data-line', w.line.id);
    if ((await page.getByTestId('lesson-choice').count()) > 0) {
      const id = order[asked.length];
      expect(id, `a prediction is expected at step ${step}`).toBeDefined();
      const choice = page.locator(`[data-testid=lesson-choice][data-choice="${w.answers[id as string]?.choice}"]`);
      await choice.click();
      await expect(choice).toHaveAttribute('aria-pressed', 'true');
      await expect(page.getByTestId('lesson-choice').first()).toBeDisabled();
      asked.push(id as string);
    }
  }
  expect(asked).toEqual(order);
  await expect(page.getByTestId('lesson-next')).toBeDisabled();
  for (const [id, answer] of Object.entries(w.answers)) {
    const verdict = page.locator(`[data-testid=lesson-verdict][data-prediction="${id}"]`);
    await expect(verdict).toHaveAttribute('data-right', String(answer.right));
    await expect(verdict).toContainText(answer.right ? 'Right:' : 'Not this time:');
  }
  await expect(page.getByTestId('lesson-lab')).toContainText('The lab printed');
  await expect(page.getByTestId('lesson-ours')).not.toBeEmpty();
  const first = page.getByTestId('lesson-challenge').first();
  await expect(first).toHaveAttribute('data-done', 'false');
  const lab = new VisualLab(page);
  await w.challenge(lab);
  await lab.playUntil(() => expect(first).toHaveAttribute('data-done', 'true', { timeout: 500 }), 60_000);
  await expect(first).toContainText(w.recognised);
}

const walks: Walk[] = [
  {
    lesson: 'mutex-central',
    answers: { cost: { choice: '3', right: true }, 'after-crash': { choice: 'forever', right: false } },
    line: { step: 3, id: /^grant$/ },
    challenge: async (lab) => {
      await lab.crash(1);
      await lab.request(2);
      await lab.recover(1);
    },
    recognised: /P2 sent REQUEST \d+ times? and entered at \d+\.\d{3} s, \d+\.\d ms after P1 came back: correct/,
  },
  {
    lesson: 'ricart-agrawala',
    answers: { cost: { choice: '4', right: false }, next: { choice: '4', right: true }, crashed: { choice: 'waits', right: true } },
    line: { step: 2, id: /^request$/ },
    challenge: (lab) => lab.request(3),
    recognised: /P3 entered after 4 REQUEST \+ 4 REPLY = 8 = 2\(n − 1\): correct/,
  },
  {
    lesson: 'token-ring',
    answers: { order: { choice: 'asked', right: false }, hops: { choice: '2', right: true }, lost: { choice: 'regenerate', right: true } },
    line: { step: 6, id: /^(lost|claim)$/ },
    // At the last step P1 is inside the critical section with the new token.
    challenge: (lab) => lab.crash(1),
    recognised: /P\d made generation \d+ \d+\.\d{3} s after P1 crashed, going round .*: correct/,
  },
];

test.describe('mutual exclusion lessons, opened from the menu and walked through by clicks', () => {
  for (const w of walks) {
    test(`${w.lesson}: every step, predictions right and wrong, the current line, a challenge recognised`, async ({ page }) => {
      test.setTimeout(180_000);
      await walk(page, w);
    });
  }
});
