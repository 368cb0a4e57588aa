import type { ShipmentStatus } from '@loyaldesk/customer-profile/schemas';

// Providers' status words in ours. Unknown words fall back to in_transit (a parcel a provider
// tracks is moving unless it says otherwise); the provider's word is always kept as carrierStatus.

/** AfterShip subtags that say more than their tag (Exception_010/011: returning/returned, 013: lost). */
const afterShipSubtags: Readonly<Record<string, ShipmentStatus>> = {
  Exception_004: 'delayed', // customs clearance
  Exception_005: 'delayed', // external factors
  Exception_010: 'returned', // returning to sender
  Exception_011: 'returned', // returned to sender
  Exception_013: 'lost',
};

const afterShipTags: Readonly<Record<string, ShipmentStatus>> = {
  Pending: 'label_created',
  InfoReceived: 'label_created',
  InTransit: 'in_transit',
  OutForDelivery: 'out_for_delivery',
  AvailableForPickup: 'out_for_delivery',
  AttemptFail: 'failed_attempt',
  Delivered: 'delivered',
  Exception: 'exception',
  // No tracking information for 30 days since the tracking was added.
  Expired: 'delayed',
};

/** AfterShip's tag (and subtag) as our status. */
export function afterShipStatus(tag: string, subtag?: string | null): ShipmentStatus {
  return (subtag ? afterShipSubtags[subtag] : undefined) ?? afterShipTags[tag] ?? 'in_transit';
}

const easyPostDetails: Readonly<Record<string, ShipmentStatus>> = {
  lost: 'lost',
  delayed: 'delayed',
  weather_delay: 'delayed',
  return: 'returned',
  refused: 'returned',
  damaged: 'exception',
  delivery_exception: 'failed_attempt',
  address_correction: 'failed_attempt',
  transit_exception: 'exception',
  held: 'exception',
  missorted: 'delayed',
};

const easyPostStatuses: Readonly<Record<string, ShipmentStatus>> = {
  unknown: 'label_created',
  pre_transit: 'label_created',
  in_transit: 'in_transit',
  out_for_delivery: 'out_for_delivery',
  available_for_pickup: 'out_for_delivery',
  delivered: 'delivered',
  return_to_sender: 'returned',
  failure: 'exception',
  cancelled: 'exception',
  error: 'exception',
};

/** EasyPost's Tracker status (and status_detail) as our status; a delivered parcel stays delivered. */
export function easyPostStatus(status: string, detail?: string | null): ShipmentStatus {
  if (status === 'delivered') return 'delivered';
  return (detail ? easyPostDetails[detail] : undefined) ?? easyPostStatuses[status] ?? 'in_transit';
}
