// Streamed figures never reject: a page awaits `Settled` values and shows the error in place,
// so one slow or failing table does not take the whole page down.

export type Settled<T> = { ok: true; data: T } | { ok: false; message: string };

export async function settle<T>(
  promise: Promise<T>,
  describe: (cause: unknown) => string,
): Promise<Settled<T>> {
  try {
    return { ok: true, data: await promise };
  } catch (cause) {
    return { ok: false, message: describe(cause) };
  }
}
