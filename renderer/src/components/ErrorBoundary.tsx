/**
 * Catches a screen that fails to draw: the person sees a plain message and a big 처음으로,
 * never a blank kiosk. The toolbar and the idle reset sit outside it and keep working; moving
 * to another screen (처음으로 here or in the toolbar, 뒤로) clears it.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Failure } from './LoadFailed';

interface Props {
  /** the screen shown: when it changes, the boundary tries again */
  resetKey: unknown;
  children: ReactNode;
}

interface State {
  failed: boolean;
  key: unknown;
}

export class ErrorBoundary extends Component<Props, State> {
  state: State = { failed: false, key: this.props.resetKey };

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey !== state.key ? { failed: false, key: props.resetKey } : null;
  }

  static getDerivedStateFromError(): Partial<State> {
    return { failed: true };
  }

  componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('a screen failed to render', error, info.componentStack);
  }

  private reset = () => this.setState({ failed: false });

  render(): ReactNode {
    return this.state.failed ? <RenderFailed onHome={this.reset} /> : this.props.children;
  }
}

function RenderFailed({ onHome }: { onHome: () => void }) {
  const { t } = useTranslation();
  return <Failure kind="render" message={t('error.generic')} onHome={onHome} />;
}
