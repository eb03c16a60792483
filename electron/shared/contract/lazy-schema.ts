// A schema built the first time it is used rather than when its module loads. The contract's
// modules define every channel's schemas at import (zod builds each one eagerly: ≈ 20 ms of CPU
// for the whole contract), and every process that imports the contract pays it at start, though
// a start-up reads a handful of them (bench/README.md, "The backend worker's start").

/**
 * Stands in for the value `build` returns, built on its first use (any property read, call of a
 * method, `instanceof`): callers, types and other schemas that compose it see the value itself.
 * Each use then costs one trap (≈ 0.1 µs): parsing 300 array items through a lazy item schema
 * takes ≈ 50 µs instead of ≈ 30, nothing next to the I/O around any parse the app does.
 */
export function lazySchema<T extends object>(build: () => T): T {
  let built: T | undefined
  const value = (): T => (built ??= build())
  return new Proxy({} as T, {
    get: (_target, key) => {
      const schema = value()
      return Reflect.get(schema, key, schema)
    },
    set: (_target, key, next) => {
      const schema = value()
      return Reflect.set(schema, key, next, schema)
    },
    has: (_target, key) => Reflect.has(value(), key),
    ownKeys: () => Reflect.ownKeys(value()),
    getOwnPropertyDescriptor: (_target, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(value(), key)
      // A proxy may not report a property as fixed that its own (empty) target lacks.
      return descriptor && { ...descriptor, configurable: true }
    },
    defineProperty: (_target, key, descriptor) => Reflect.defineProperty(value(), key, descriptor),
    deleteProperty: (_target, key) => Reflect.deleteProperty(value(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(value()),
  })
}
