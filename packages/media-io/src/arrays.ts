// @evalkit/media-io/arrays: the pure array arithmetic of the package (no files, no sharp), safe in a
// browser page. kernel-bench's TypeScript reference, which the benchmark page bundles, imports this.
export { permuteAxes } from './permute-axes';
