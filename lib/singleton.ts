/**
 * One value per process for `name`, created on first use and kept on globalThis: the custom server
 * and Next's bundled routes load separate module graphs, and both must share the Prisma client, the
 * env, the socket.io server, the Docker engines and the lab runtime.
 */
export function remember<T>(name: string, create: () => T): T {
  const store = globalThis as typeof globalThis & { __mingle?: Map<string, unknown> };
  store.__mingle ??= new Map();
  if (!store.__mingle.has(name)) store.__mingle.set(name, create());
  return store.__mingle.get(name) as T;
}

/** Drops a remembered value (tests that need a fresh one; a runtime that was torn down). */
export function forget(name: string): void {
  (globalThis as typeof globalThis & { __mingle?: Map<string, unknown> }).__mingle?.delete(name);
}
