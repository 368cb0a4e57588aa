import type { Collection, Db } from 'mongodb';
import { Schema, type Connection, type Model } from 'mongoose';
import type { Customer } from '../schemas/customer.ts';
import type { Order } from '../schemas/order.ts';

// zod validates every write before it gets here, so nested shapes are stored as given (Mixed);
// these schemas declare the top-level fields, the natural-key _ids and the indexes.

/**
 * An order document: `_id` is the order number. `revision` counts the writes of an existing order
 * (ingestion and tracking both compare-and-set on it, so neither overwrites the other's shipments).
 */
export type OrderDocument = Omit<Order, 'number'> & { _id: string; revision?: number };
/**
 * Tracking number → the shipments carrying it (`_id` = the normalized tracking number), so a
 * tracking event finds its order with one `_id` read. Written by every order ingestion.
 */
export interface ShipmentTrackingDocument {
  _id: string;
  shipments: Array<{ orderNumber: string; shipmentId: string }>;
}
/** A customer document: `_id` is the customer id. */
export type CustomerDocument = Omit<Customer, 'id'> & { _id: string };
/** The shop's customer-value histogram (one document, `_id: 'historicalLtv'`). */
export interface ValueHistogramDocument {
  _id: string;
  counts: number[];
}
/** Settings documents such as the profile policy, `_id` = setting name. */
export interface SettingDocument {
  _id: string;
  value: unknown;
  updatedAt: Date;
}

const mixed = Schema.Types.Mixed;

const orderSchema = new Schema<OrderDocument>(
  {
    _id: { type: String, required: true },
    customerId: { type: String, required: true },
    email: { type: String, required: true },
    customerName: String,
    customerLocale: String,
    customerTags: mixed,
    placedAt: { type: Date, required: true },
    sourceUpdatedAt: { type: Date, required: true },
    ingestedAt: { type: Date, required: true },
    status: { type: String, required: true },
    currency: { type: String, required: true },
    lineItems: { type: mixed, required: true },
    totals: { type: mixed, required: true },
    shippingAddress: mixed,
    shipments: { type: mixed, default: [] },
  },
  { versionKey: false, collection: 'orders', minimize: false },
);
// For MongoDB in production (a customer's order history, lookups by email); hot paths use _id.
orderSchema.index({ customerId: 1, placedAt: -1 });
orderSchema.index({ email: 1 });

const customerSchema = new Schema<CustomerDocument>(
  {
    _id: { type: String, required: true },
    email: { type: String, required: true, unique: true },
    name: String,
    locale: String,
    identityFrom: { type: mixed, required: true },
    tags: mixed,
    tierFloor: mixed,
    tagsFrom: mixed,
    currency: { type: String, required: true },
    stats: { type: mixed, required: true },
    tier: { type: String, required: true },
    tierSince: { type: Date, required: true },
    tierReason: { type: String, required: true },
    tierHistory: { type: mixed, default: [] },
    value: { type: mixed, required: true },
    recentOrders: { type: mixed, default: [] },
    ledger: { type: mixed, default: [] },
    // Written only by recordFeedback's own updates (never by the order path's compare-and-set).
    feedback: mixed,
    version: { type: Number, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'customers', minimize: false },
);
customerSchema.index({ tier: 1 });

const valueHistogramSchema = new Schema<ValueHistogramDocument>(
  { _id: { type: String, required: true }, counts: { type: [Number], required: true } },
  { versionKey: false, collection: 'customer_value_histograms' },
);

const settingSchema = new Schema<SettingDocument>(
  { _id: { type: String, required: true }, value: { type: mixed, required: true }, updatedAt: { type: Date, required: true } },
  { versionKey: false, collection: 'settings', minimize: false },
);

export interface CustomerProfileModels {
  Orders: Model<OrderDocument>;
  Customers: Model<CustomerDocument>;
  ValueHistograms: Model<ValueHistogramDocument>;
  Settings: Model<SettingDocument>;
}

/** Typed driver collections for the hot paths (one round trip, no Mongoose query layer). */
export interface CustomerProfileCollections {
  orders: Collection<OrderDocument>;
  customers: Collection<CustomerDocument>;
  valueHistograms: Collection<ValueHistogramDocument>;
  settings: Collection<SettingDocument>;
  shipmentTracking: Collection<ShipmentTrackingDocument>;
}

/** The connection's database, or an error saying it is not open. */
function customerProfileDb(connection: Connection): Db {
  const db = connection.db;
  if (!db) throw new Error('customer-profile: the database connection is not open');
  return db;
}

export function customerProfileCollections(connection: Connection): CustomerProfileCollections {
  const db = customerProfileDb(connection);
  return {
    orders: db.collection<OrderDocument>('orders'),
    customers: db.collection<CustomerDocument>('customers'),
    valueHistograms: db.collection<ValueHistogramDocument>('customer_value_histograms'),
    settings: db.collection<SettingDocument>('settings'),
    shipmentTracking: db.collection<ShipmentTrackingDocument>('shipment_tracking'),
  };
}

/** Registers the models on a connection (idempotent per connection). */
export function customerProfileModels(connection: Connection): CustomerProfileModels {
  const model = <T>(name: string, schema: Schema<T>): Model<T> =>
    (connection.models[name] as Model<T> | undefined) ?? connection.model<T>(name, schema);
  return {
    Orders: model('Order', orderSchema),
    Customers: model('Customer', customerSchema),
    ValueHistograms: model('ValueHistogram', valueHistogramSchema),
    Settings: model('Setting', settingSchema),
  };
}
