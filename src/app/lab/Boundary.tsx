// An error boundary around each region of the lab: a throw while drawing one region (a bug, or
// input that got past validation) shows one message in its place instead of blanking the page.
// The run itself lives in the store and the runner, outside React, so it keeps going; "Draw it
// again" retries the region.

import { Component, type ErrorInfo, type ReactNode } from 'react';

interface BoundaryProps {
  /** What the region is, for the message ("the stage", "the event log"). */
  name: string;
  children: ReactNode;
}

interface BoundaryState {
  error: string | null;
  /** Bumped by "Draw it again", so the region mounts afresh. */
  attempt: number;
}

export class Boundary extends Component<BoundaryProps, BoundaryState> {
  override state: BoundaryState = { error: null, attempt: 0 };

  static getDerivedStateFromError(error: unknown): Partial<BoundaryState> {
    const text = error instanceof Error ? error.message : String(error);
    return { error: text.split('\n')[0]?.slice(0, 200) ?? 'unknown error' };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    // For whoever debugs it; the page says it in one sentence.
    console.error(`dslab: ${this.props.name} failed to draw`, error, info.componentStack);
  }

  override render(): ReactNode {
    const { error, attempt } = this.state;
    if (error === null) return <Retry key={attempt}>{this.props.children}</Retry>;
    return (
      <div className="problem boundary-error" role="alert" data-testid="boundary-error">
        <p>
          Could not draw {this.props.name}: {error}. The run goes on.
        </p>
        <button type="button" onClick={() => this.setState((s) => ({ error: null, attempt: s.attempt + 1 }))}>
          Draw it again
        </button>
      </div>
    );
  }
}

function Retry({ children }: { children: ReactNode }) {
  return children;
}
