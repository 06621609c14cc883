/** A placeholder bar with the size of the content that is loading, so nothing shifts when it arrives. */
export function Skeleton({ width = '100%', height = 12 }: { width?: number | string; height?: number }) {
  return <span className="skeleton" style={{ width, height }} aria-hidden="true" />;
}
