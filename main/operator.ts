/**
 * The operator's dialog, opened by the hidden chord (main/security/shortcuts.ts): what the
 * kiosk is (version, profile), what is wrong with its settings file (each problem by its
 * field), whether an update is waiting, and the few things an operator may do from the kiosk
 * itself — reload the page, install the waiting update, quit the app (the OS session starts it
 * again, or the operator gets the machine). In the kiosk's language (i18next, ko/en/vi/zh).
 */
import type { ConfigProblem, Profile } from '../core/config/kiosk-config.js';

export type Translate = (key: string, options?: Record<string, unknown>) => string;
export type OperatorAction = 'reload' | 'install' | 'quit' | 'cancel';

export interface OperatorDialog {
  title: string;
  message: string;
  detail: string;
  buttons: string[];
  /** the action of each button, in order */
  actions: OperatorAction[];
  cancelId: number;
  defaultId: number;
}

/** The keys it uses (the shell's test checks each exists in every locale). */
export const OPERATOR_KEYS = ['shell.operator.title', 'shell.operator.message', 'shell.operator.version', 'shell.operator.configFile', 'shell.operator.configOk', 'shell.operator.configProblems', 'shell.operator.updateWaiting', 'shell.operator.reload', 'shell.operator.install', 'shell.operator.quit', 'shell.operator.cancel'] as const;

export function operatorDialog(t: Translate, s: { version: string; profile: Profile; configFile: string; problems: ConfigProblem[]; updateWaiting: string | null }): OperatorDialog {
  const actions: OperatorAction[] = ['reload', ...(s.updateWaiting ? (['install'] as const) : []), 'quit', 'cancel'];
  const detail = [
    t('shell.operator.version', { version: s.version, profile: s.profile }),
    t('shell.operator.configFile', { file: s.configFile }),
    s.problems.length ? t('shell.operator.configProblems', { count: s.problems.length }) : t('shell.operator.configOk'),
    ...s.problems.map((p) => `  • ${p.field}: ${p.message}`),
    ...(s.updateWaiting ? [t('shell.operator.updateWaiting', { version: s.updateWaiting })] : []),
  ].join('\n');
  return {
    title: t('shell.operator.title'),
    message: t('shell.operator.message'),
    detail,
    buttons: actions.map((a) => t(`shell.operator.${a}`)),
    actions,
    cancelId: actions.indexOf('cancel'),
    defaultId: actions.indexOf('cancel'),
  };
}
