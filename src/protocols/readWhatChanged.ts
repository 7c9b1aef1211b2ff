/**
 * The read strategy of a scan that costs what changed (createAaveScanner, createCometScanner): the first
 * time (or with `all`) every position; after that the positions a transaction touched, then — from what
 * that read showed of prices and indices — those whose health `crossing` says can have crossed the line.
 * `read` reads the given positions and remembers them; the others keep their last read.
 *
 * @param parameters - the number of positions, whether to read all, the touched ones, the reader, and
 *   the bound built from a snapshot.
 * @returns the last snapshot read and how many positions were read.
 */
export async function readWhatChanged<S>(parameters: {
  count: number;
  all: boolean;
  touched: ReadonlySet<number>;
  read: (indices: readonly number[]) => Promise<S>;
  crossing: (snapshot: S) => (index: number) => boolean;
}): Promise<{ snapshot: S; read: number }> {
  const { count, all, touched } = parameters;
  const everyone = Array.from({ length: count }, (_, i) => i);
  const wanted = all ? everyone : [...touched];
  let snapshot = await parameters.read(wanted);
  let read = wanted.length;
  if (!all) {
    const mayCross = parameters.crossing(snapshot);
    const moved = everyone.filter((i) => !touched.has(i) && mayCross(i));
    if (moved.length) {
      snapshot = await parameters.read(moved);
      read += moved.length;
    }
  }
  return { snapshot, read };
}
