export { renderReport } from './render-report';
export type { RenderReportResult } from './render-report';
export { serveReport } from './io/serve-report';
export { MESSAGES } from './messages';
