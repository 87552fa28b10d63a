// What the shapes and colours mean: roles by shape and colour, message kinds by shape, colour
// and letter, and the cross for a dropped message.

import { useLab } from '../../store/context.tsx';
import { algorithmFor, type AlgorithmId } from '../../core/index.ts';
import { selectAlgorithm, selectKinds } from '../../store/selectors.ts';
import { inkOn } from './okabe-ito.ts';
import { looksOf } from './palette.ts';

const SHAPES = { leader: 'square', candidate: 'triangle', member: 'circle', idle: 'circle' } as const;

/** The running algorithm's roles by family (from its definition), then crashed. */
function legendRoles(algorithm: AlgorithmId | null): { family: string; label: string; shape: 'square' | 'triangle' | 'circle' }[] {
  const roles = algorithm ? Object.entries(algorithmFor(algorithm).roles) : [];
  const families = [...new Set(roles.map(([, f]) => f))];
  return [
    ...families.map((family) => ({
      family,
      label: roles
        .filter(([, f]) => f === family)
        .map(([r]) => r)
        .join(', '),
      shape: SHAPES[family],
    })),
    { family: 'crashed', label: 'crashed', shape: 'circle' as const },
  ];
}

function Swatch({ shape, family }: { shape: string; family: string }) {
  return (
    <svg className={`swatch family-${family}`} viewBox="-10 -10 20 20" width="18" height="18" aria-hidden="true">
      {shape === 'square' && <rect className="shape" x={-8} y={-8} width={16} height={16} />}
      {shape === 'triangle' && <path className="shape" d="M0,-9L8,7L-8,7Z" />}
      {shape === 'circle' && <circle className="shape" r={8} />}
      {family === 'crashed' && <path className="cross" d="M-6,-6L6,6M-6,6L6,-6" />}
    </svg>
  );
}

export function Legend() {
  const kinds = useLab(selectKinds) ?? [];
  const algorithm = useLab(selectAlgorithm);
  const roles = legendRoles(algorithm);
  const looks = looksOf(algorithm);
  return (
    <div className="legend" aria-label="Legend">
      <ul className="legend-roles">
        {roles.map((r) => (
          <li key={r.family}>
            <Swatch shape={r.shape} family={r.family} /> {r.label}
          </li>
        ))}
      </ul>
      {kinds.length > 0 && (
        <ul className="legend-kinds" aria-label="Message kinds">
          {kinds.map((k) => (
            <li key={k}>
              <svg className="kind-shape" viewBox="-9 -9 18 18" width="16" height="16" aria-hidden="true">
                <path d={looks.symbolPath(k, 6.5)} fill={looks.colour(k)} />
              </svg>
              <span className="kind-dot" style={{ background: looks.colour(k), color: inkOn(looks.colour(k)) }} aria-hidden="true">
                {looks.mark(k)}
              </span>
              {k}
            </li>
          ))}
          <li>
            <span className="kind-dot drop-mark" aria-hidden="true">
              ✕
            </span>
            dropped
          </li>
        </ul>
      )}
    </div>
  );
}
