/** An operation's failure as the running hub reported it (its status, code and message), or a hub that could not be reached: one class for the operator endpoint and the operations it runs (operator.node.ts, import-applications.node.ts). */
export class HubOperationError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'HubOperationError';
  }
}
