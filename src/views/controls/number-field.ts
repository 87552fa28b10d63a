// Reading a number a person typed into a field: a plain decimal (12.5, 0.5, -20000, 1e3)
// within the field's range, or one short reason why not, shown beside the field. Blank, junk,
// "NaN", "Infinity" and numbers too large to be finite (1e309) are refused, never read as 0.

export interface FieldRange {
  min: number;
  max: number;
  /** Unit after the number in messages ("ms", "%", "ppm"). */
  unit: string;
}

export type FieldValue = { ok: true; value: number } | { ok: false; error: string };

/** A plain decimal number, optionally signed, optionally with an exponent. */
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
/** Longest typed text echoed back. */
const ECHO = 20;

export function parseNumberField(text: string, { min, max, unit }: FieldRange): FieldValue {
  const rule = `a number of ${unit} from ${min} to ${max}`;
  const typed = text.trim();
  if (typed === '') return { ok: false, error: `Empty: enter ${rule}.` };
  const echo = JSON.stringify(typed.length > ECHO ? `${typed.slice(0, ECHO)}…` : typed);
  if (!DECIMAL.test(typed)) return { ok: false, error: `${echo} is not a number: enter ${rule}.` };
  const value = Number(typed);
  if (!Number.isFinite(value)) return { ok: false, error: `${echo} is too large: enter ${rule}.` };
  if (value < min) return { ok: false, error: `${echo} is below ${min} ${unit}: enter ${rule}.` };
  if (value > max) return { ok: false, error: `${echo} is above ${max} ${unit}: enter ${rule}.` };
  // -0 reads as 0.
  return { ok: true, value: value === 0 ? 0 : value };
}

/** A probability as the percent a field shows: 0.005 as "0.5", without float noise. */
export const percent = (p: number): string => String(Number((p * 100).toPrecision(12)));
