/**
 * Trace hooks: models publish typed events, and metrics, logs and outputs subscribe. Models never format or
 * write anything themselves.
 *
 * Events are discriminated unions on `kind`. Publishing with no subscriber costs one length check; a model on a
 * hot path checks `active` before building the event object so that an unobserved trace allocates nothing.
 */
export class TraceBus<E extends { readonly kind: string }> {
  private readonly subscribers: Array<(event: E) => void> = [];

  get active(): boolean {
    return this.subscribers.length > 0;
  }

  subscribe(fn: (event: E) => void): () => void {
    this.subscribers.push(fn);
    return () => {
      const i = this.subscribers.indexOf(fn);
      if (i >= 0) this.subscribers.splice(i, 1);
    };
  }

  emit(event: E): void {
    for (const fn of this.subscribers) fn(event);
  }
}
