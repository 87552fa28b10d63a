// A labelled number input for the network and link panels. The text stays as typed until
// the form is applied; `clamped` reads it back as a number within the field's range.

export interface NumberFieldProps {
  label: string;
  testId: string;
  min: number;
  max: number;
  value: string;
  onChange: (value: string) => void;
}

export function NumberField({ label, testId, min, max, value, onChange }: NumberFieldProps) {
  return (
    <label>
      {label}
      <input data-testid={testId} type="number" min={min} max={max} value={value} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}

/** The typed text as a number within [lo, hi] (blank or junk counts as lo). */
export function clamped(text: string, lo: number, hi: number): number {
  const v = Number(text);
  return Number.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : lo;
}
