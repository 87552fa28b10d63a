// The lessons (ARCHITECTURE.md §6): each walked through by clicks to its end, on the
// worker host, predictions answered right and wrong and checked against what the run did,
// the lab's own output shown beside ours, and each lesson's first challenge done in the page
// and recognised from the trace. Also: the picker on a first visit, `?lesson=…&step=n`,
// the keyboard, and the pseudocode's current line.

import { expect, type Page, test } from '@playwright/test';
import { allLessons } from '../../src/core/index.ts';
import { VisualLab } from '../pages/visual-lab.ts';

interface Walk {
  lesson: string;
  /** The answer to click per prediction, and whether the run will prove it right. */
  answers: Record<string, { choice: string; right: boolean }>;
  /** Does the lesson's first challenge in the page. */
  challenge: (lab: VisualLab) => Promise<void>;
  /** What the challenge says once the trace shows it done. */
  recognised: RegExp;
}

const lesson = (page: Page) => page.getByTestId('lesson');

/** Clicks Next and waits until the run has paused at the next step's cue. */
async function next(page: Page, step: number): Promise<void> {
  await page.getByTestId('lesson-next').click();
  await expect(lesson(page)).toHaveAttribute('data-step', String(step), { timeout: 30_000 });
  await expect(lesson(page)).toHaveAttribute('data-waiting', 'false');
}

async function walk(page: Page, w: Walk): Promise<void> {
  await page.goto(`/?lesson=${w.lesson}&seed=1`);
  await expect(lesson(page)).toHaveAttribute('data-lesson', w.lesson);
  await expect(lesson(page)).toHaveAttribute('data-step', '1');
  const steps = Number(await lesson(page).getAttribute('data-steps'));
  expect(steps).toBeGreaterThanOrEqual(6);
  const asked: string[] = [];
  for (let step = 1; step <= steps; step++) {
    if (step > 1) await next(page, step);
    await expect(page).toHaveURL(new RegExp(`lesson=${w.lesson}&step=${step}$`));
    const choices = page.getByTestId('lesson-choice');
    if ((await choices.count()) > 0) {
      const prediction = Object.entries(w.answers).find(([id]) => !asked.includes(id));
      expect(prediction, `a prediction is expected at step ${step}`).toBeDefined();
      const [id, answer] = prediction as [string, { choice: string }];
      asked.push(id);
      await page.locator(`[data-testid=lesson-choice][data-choice="${answer.choice}"]`).click();
      await expect(page.locator(`[data-testid=lesson-choice][data-choice="${answer.choice}"]`)).toHaveAttribute('aria-pressed', 'true');
      await expect(choices.first()).toBeDisabled();
    }
  }
  expect(asked.sort()).toEqual(Object.keys(w.answers).sort());
  await expect(page.getByTestId('lesson-next')).toBeDisabled();
  // Every prediction has been revealed from the run, right or wrong as expected, with a reason.
  for (const [id, answer] of Object.entries(w.answers)) {
    const verdict = page.locator(`[data-testid=lesson-verdict][data-prediction="${id}"]`);
    await expect(verdict).toHaveAttribute('data-right', String(answer.right));
    await expect(verdict).toContainText(answer.right ? 'Right:' : 'Not this time:');
  }
  // The lab's output beside ours.
  await expect(page.getByTestId('lesson-lab')).toContainText('The lab printed');
  await expect(page.getByTestId('lesson-ours')).not.toBeEmpty();
  // The challenge, done by clicks and recognised from the trace.
  const first = page.getByTestId('lesson-challenge').first();
  await expect(first).toHaveAttribute('data-done', 'false');
  const lab = new VisualLab(page);
  await w.challenge(lab);
  await lab.playUntil(() => expect(first).toHaveAttribute('data-done', 'true', { timeout: 500 }), 40_000);
  await expect(first).toContainText(w.recognised);
}

const walks: Walk[] = [
  {
    lesson: 'cristian-basic',
    answers: { 'set-to': { choice: 'half', right: true }, 'next-correction': { choice: 'larger', right: false } },
    challenge: (lab) => lab.crash(1),
    recognised: /Client got no reply and left its clock alone: correct/,
  },
  {
    lesson: 'berkeley-basic',
    answers: { 'what-is-sent': { choice: 'average-time', right: false }, spread: { choice: 'closer', right: true } },
    challenge: (lab) => lab.crash(4),
    recognised: /left Slave C out: correct/,
  },
  {
    lesson: 'berkeley-canteen',
    answers: { 'left-out': { choice: '5', right: true }, 'back-in': { choice: 'no', right: false } },
    challenge: (lab) => lab.setDrift(3, 50_000),
    recognised: /MIT read \+\d+\.\d ms.*was sent −\d+\.\d ms: the master pulls it back every cycle\. Correct\./,
  },
  {
    lesson: 'cristian-manipal-buddy',
    answers: { wider: { choice: '3', right: false }, kept: { choice: 'smallest', right: true } },
    challenge: (lab) => lab.cutLink(1, 2),
    recognised: /MOBILE got no reply and left its clock alone, while LAPTOP kept syncing: correct/,
  },
  {
    lesson: 'bully-10',
    answers: { winner: { choice: '9', right: true }, oks: { choice: '15', right: false } },
    challenge: async (lab) => {
      await lab.crash(9);
      await lab.notice(2);
    },
    recognised: /P8 won: correct/,
  },
  {
    lesson: 'ring-8',
    answers: { list: { choice: '[5, 6, 7, 8]', right: false }, skip: { choice: 'skip', right: true } },
    challenge: async (lab) => {
      await lab.crash(7);
      await lab.notice(3);
    },
    recognised: /P6 won: correct/,
  },
  {
    lesson: 'ntp-basic',
    answers: { widest: { choice: '5', right: true }, 'which-side': { choice: 'exact', right: false } },
    challenge: (lab) => lab.crash(2),
    recognised: /Client [ABC] got no answer and left its clock alone: correct/,
  },
];

test.describe('lessons, walked through by clicks', () => {
  for (const w of walks) {
    test(`${w.lesson}: every step, predictions right and wrong, the lab beside ours, a challenge recognised`, async ({ page }) => {
      test.setTimeout(120_000);
      await walk(page, w);
    });
  }
});

test('a first visit offers the lessons; choosing one opens it, and the choice is remembered', async ({ page }) => {
  await page.goto('/');
  const picker = page.getByTestId('lesson-picker');
  await expect(picker).toBeVisible();
  await expect(picker.locator('button[data-lesson]')).toHaveCount(allLessons.length);
  await picker.locator('button[data-lesson="ring-8"]').click();
  await expect(picker).toBeHidden();
  await expect(lesson(page)).toHaveAttribute('data-lesson', 'ring-8');
  await expect(page).toHaveURL(/lesson=ring-8&step=1/);
  await page.goto('/');
  await expect(page.getByTestId('node-1')).toBeVisible();
  await expect(picker).toBeHidden();
  await page.getByTestId('lessons-button').click();
  await expect(picker).toBeVisible();
  await page.getByTestId('lesson-picker-close').click();
  await expect(picker).toBeHidden();
  await page.getByTestId('lessons-button').click();
  await expect(picker).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(picker).toBeHidden();
});

test('?lesson=bully-10&step=6 opens at the sixth step; PageUp/PageDown and ←/→ move through steps', async ({ page }) => {
  await page.goto('/?lesson=bully-10&step=6');
  await expect(lesson(page)).toHaveAttribute('data-step', '6', { timeout: 30_000 });
  await expect(lesson(page)).toHaveAttribute('data-waiting', 'false');
  await expect(lesson(page)).toContainText('declares itself coordinator');
  await expect(page.getByTestId('node-9')).toHaveAttribute('data-role', 'coordinator');
  await page.keyboard.press('PageUp');
  await expect(lesson(page)).toHaveAttribute('data-step', '5');
  await page.keyboard.press('ArrowLeft');
  await expect(lesson(page)).toHaveAttribute('data-step', '4');
  await page.keyboard.press('PageDown');
  await expect(lesson(page)).toHaveAttribute('data-step', '5');
  await page.keyboard.press('ArrowRight');
  await expect(lesson(page)).toHaveAttribute('data-step', '6');
  await page.keyboard.press('PageDown');
  await expect(lesson(page)).toHaveAttribute('data-step', '7', { timeout: 30_000 });
  await expect(lesson(page)).toContainText('15 ELECTION, 10 OK and 8 COORDINATOR messages: 33 in all');
});

test('a bad lesson in the URL says so once and opens the lab', async ({ page }) => {
  await page.goto('/?lesson=nope&scenario=bully-10');
  await expect(page.getByRole('alert')).toContainText('There is no lesson "nope"');
  await expect(lesson(page)).toHaveCount(0);
  await expect(page.getByTestId('node-10')).toBeVisible();
});

test('the pseudocode marks the line the selected node, or the last to act, is executing', async ({ page }) => {
  await page.goto('/?lesson=bully-10&step=3');
  await expect(lesson(page)).toHaveAttribute('data-step', '3', { timeout: 30_000 });
  await expect(lesson(page)).toHaveAttribute('data-waiting', 'false');
  const code = page.getByTestId('pseudocode');
  // P5 was told, has sent ELECTION to every higher id and now waits for an OK.
  await expect(code.locator('[aria-current="step"]')).toHaveAttribute('data-line', 'wait-ok');
  await expect(code).toContainText('P5 is here');
  await next(page, 4);
  const lab = new VisualLab(page);
  await lab.inspect(9);
  // P9 got P5's ELECTION, answered OK and started its own election: it waits for an OK too.
  await expect(code).toContainText('P9 is here');
  await expect(code.locator('[aria-current="step"]')).toHaveAttribute('data-line', 'wait-ok');
  await lab.inspect(1);
  await expect(code).toContainText('P1 is idle');
  await expect(code.locator('[aria-current="step"]')).toHaveCount(0);
  await page.keyboard.press('Escape');
  // With no node selected, the node that acted last.
  await expect(code.locator('[aria-current="step"]')).toHaveCount(1);
  await expect(code).toContainText('acted last');
});
