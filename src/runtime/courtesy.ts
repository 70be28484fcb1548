/* How training makes way for the page while the user drags or pans (see Training). */

/**
 * While the user drags or pans on the page, training runs in slices of at least this many
 * milliseconds, each followed by a rest twice as long: on a two-core machine a worker
 * training flat out leaves the page's main thread, compositor and rasterizer one core to
 * share, and a drag over a big graph drops frames (at half duty, dragging in a 200-node
 * graph still had twice the frames over 33 ms). The steps and their results are the same.
 */
export const COURTESY_SLICE_MS = 8;
/**
 * While the page is busy with a gesture, progress goes out at most this often (every point
 * still arrives, in bigger batches): the page shows it no more often then, and reading a
 * message (with a big graph's snapshot of every node) takes the page's time.
 */
export const COURTESY_PROGRESS_INTERVAL_MS = 1000;
/** A gesture whose end never arrived (a lost mouseup) gives training back its speed after this. */
export const COURTESY_MAX_MS = 10_000;
