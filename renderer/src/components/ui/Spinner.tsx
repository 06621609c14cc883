/** A small decorative spinner; pair it with text (or aria-busy) that says what is happening. */
export function Spinner({ size = 14 }: { size?: number }) {
  return <span className="spinner" style={{ width: size, height: size }} aria-hidden="true" />;
}
