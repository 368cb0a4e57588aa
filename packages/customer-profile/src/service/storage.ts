// How customers and orders are stored, for tools that load data in bulk straight into the
// collections (benchmarks); application code goes through the service.
export type { CustomerDocument, OrderDocument } from './models.ts';
export { customerToDocument, orderToDocument } from './documents.ts';
