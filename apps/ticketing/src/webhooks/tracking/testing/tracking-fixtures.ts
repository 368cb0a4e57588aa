// Test-only: tracking webhooks in each provider's documented shape (our own values).

export interface CheckpointFixture {
  at: string;
  tag: string;
  subtag?: string;
  message: string;
  city?: string;
}

/** An AfterShip `tracking_update` webhook body (Tracking API 2024-10 shape). */
export function afterShipWebhook(fixture: {
  trackingNumber: string;
  tag: string;
  subtag?: string;
  checkpoints: CheckpointFixture[];
  updatedAt: string;
  eventId?: string;
  estimatedDelivery?: string | null;
  slug?: string;
  event?: string;
}): Record<string, unknown> {
  return {
    event: fixture.event ?? 'tracking_update',
    event_id: fixture.eventId ?? `5f1c1e8a-0000-4000-8000-${fixture.updatedAt.replace(/\D/g, '').slice(0, 12).padEnd(12, '0')}`,
    is_tracking_first_tag: false,
    ts: Math.floor(Date.parse(fixture.updatedAt) / 1000),
    msg: {
      id: 'lzx8nxq0mo3zylvs0b1pxm2k',
      legacy_id: '5b74f4958776db0e00b6f5ed',
      tracking_number: fixture.trackingNumber,
      slug: fixture.slug ?? 'ups',
      active: true,
      tag: fixture.tag,
      subtag: fixture.subtag ?? `${fixture.tag}_001`,
      subtag_message: fixture.tag,
      title: 'Kettle order',
      order_id: '820982911946154508',
      order_number: '#1038',
      origin_country_iso3: 'USA',
      destination_country_iso3: 'TWN',
      updated_at: fixture.updatedAt,
      expected_delivery: null,
      courier_estimated_delivery_date:
        fixture.estimatedDelivery === undefined || fixture.estimatedDelivery === null
          ? null
          : { estimated_delivery_date: fixture.estimatedDelivery, estimated_delivery_date_min: null, estimated_delivery_date_max: null },
      aftership_estimated_delivery_date: null,
      courier_tracking_link: `https://www.ups.com/track?tracknum=${fixture.trackingNumber}`,
      checkpoints: fixture.checkpoints.map((checkpoint) => ({
        slug: fixture.slug ?? 'ups',
        city: checkpoint.city ?? 'Louisville',
        created_at: checkpoint.at,
        location: `${checkpoint.city ?? 'Louisville'}, KY, USA`,
        country_name: 'United States',
        message: checkpoint.message,
        country_iso3: 'USA',
        tag: checkpoint.tag,
        subtag: checkpoint.subtag ?? `${checkpoint.tag}_001`,
        subtag_message: checkpoint.tag,
        checkpoint_time: checkpoint.at,
        coordinates: [],
        state: 'KY',
        zip: '40201',
        raw_tag: 'FPX_L_RPIF',
      })),
    },
  };
}

export interface TrackingDetailFixture {
  at: string;
  status: string;
  statusDetail?: string;
  message: string;
  city?: string;
}

/** An EasyPost Event whose result is a Tracker (`tracker.updated` unless told). */
export function easyPostTrackerEvent(fixture: {
  id: string;
  trackingCode: string;
  status: string;
  statusDetail?: string;
  details: TrackingDetailFixture[];
  updatedAt: string;
  estDeliveryDate?: string | null;
  description?: string;
}): Record<string, unknown> {
  return {
    id: fixture.id,
    object: 'Event',
    mode: 'production',
    description: fixture.description ?? 'tracker.updated',
    previous_attributes: { status: 'in_transit' },
    created_at: fixture.updatedAt,
    updated_at: fixture.updatedAt,
    pending_urls: [],
    completed_urls: [],
    status: 'pending',
    result: {
      id: 'trk_c8e0edb5bb284caa934a0d3db23a148z',
      object: 'Tracker',
      mode: 'production',
      tracking_code: fixture.trackingCode,
      status: fixture.status,
      status_detail: fixture.statusDetail ?? 'status_update',
      created_at: '2026-11-30T10:00:00Z',
      updated_at: fixture.updatedAt,
      signed_by: null,
      weight: null,
      est_delivery_date: fixture.estDeliveryDate ?? null,
      shipment_id: null,
      carrier: 'USPS',
      public_url: `https://track.easypost.com/djE6dHJrX2M4ZTBlZGI1YmIyODRjYWE5MzRhMGQzZGIyM2ExNDh6`,
      fees: [],
      carrier_detail: null,
      finalized: fixture.status === 'delivered',
      is_return: false,
      tracking_details: fixture.details.map((detail) => ({
        object: 'TrackingDetail',
        message: detail.message,
        description: '',
        status: detail.status,
        status_detail: detail.statusDetail ?? 'status_update',
        datetime: detail.at,
        source: 'USPS',
        carrier_code: '',
        tracking_location: { object: 'TrackingLocation', city: detail.city ?? 'CHICAGO', state: 'IL', country: 'US', zip: '60601' },
      })),
    },
  };
}
