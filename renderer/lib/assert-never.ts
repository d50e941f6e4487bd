/** Makes a switch exhaustive: adding a case to a union fails the type-check where it is not handled. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${String(value)}`);
}
