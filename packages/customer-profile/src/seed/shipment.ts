import type { Shipment, TrackingEvent } from '../schemas/order.ts';

const hourMs = 3_600_000;

/** The legs a parcel travels, as tracking-event locations. */
export interface Lane {
  origin: string;
  /** International only: where it leaves the origin country and where it enters the destination. */
  exportGateway?: string;
  importHub?: string;
  /** The sort facility serving the destination city. */
  hub: string;
  destination: string;
}

/** What goes wrong on the way, if anything. */
export type ShipmentIncident =
  /** Held for `hours` from `at` (customs, weather, a missed connection); every later scan moves by as much. */
  | { kind: 'delay'; at: Date; hours: number; reason: string }
  /** No scan after `at`; the carrier opens a trace two days after the expected arrival and declares it lost ten days later. */
  | { kind: 'loss'; at: Date };

/**
 * A shipment's whole future, fixed up front; {@link trackShipment} shows how much of it has
 * happened at a given time. Keeping the plan separate from "now" is what lets the same seed give
 * the same data, and lets tests look at one shipment at several moments.
 */
export interface ShipmentPlan {
  id: string;
  carrier: string;
  trackingNumber: string;
  lane: Lane;
  labelAt: Date;
  pickupAt: Date;
  /** The estimate given at pickup. */
  estimatedDelivery: Date;
  /** When it would be delivered without an incident (near the estimate, rarely on it). */
  arrival: Date;
  incident?: ShipmentIncident;
  /** The carrier's proof-of-delivery wording, e.g. "Delivered, left at front door". */
  deliveryNote: string;
}

const traceAfterMs = 2 * 24 * hourMs;
const lostAfterTraceMs = 10 * 24 * hourMs;

/** When the shipment ends: delivered, or declared lost. */
export function shipmentEndsAt(plan: ShipmentPlan): Date {
  const events = plannedEvents(plan);
  return events[events.length - 1]?.at ?? plan.arrival;
}

/** Every tracking event the plan will ever produce, oldest first. */
export function plannedEvents(plan: ShipmentPlan): TrackingEvent[] {
  const { lane } = plan;
  const start = plan.pickupAt.getTime();
  const arrival = Math.max(plan.arrival.getTime(), start + 12 * hourMs);
  const localArrival = arrival - Math.min(14 * hourMs, (arrival - start) / 4);
  const at = (fraction: number): number => start + (localArrival - start) * fraction;

  const legs: Array<{ at: number; location: string; description: string }> = [
    { at: at(0.08), location: lane.origin, description: 'Departed origin facility' },
  ];
  if (lane.exportGateway && lane.importHub) {
    legs.push(
      { at: at(0.22), location: lane.exportGateway, description: 'Arrived at international export facility' },
      {
        at: at(0.32),
        location: lane.exportGateway,
        description: 'Departed export facility; in transit to destination country',
      },
      {
        at: at(0.52),
        location: lane.importHub,
        description: 'Arrived in destination country; customs clearance in progress',
      },
      { at: at(0.66), location: lane.importHub, description: 'Cleared customs' },
    );
    if (lane.hub !== lane.importHub)
      legs.push({ at: at(0.82), location: lane.hub, description: 'Arrived at regional sort facility' });
  } else {
    legs.push(
      { at: at(0.45), location: lane.hub, description: 'Arrived at regional sort facility' },
      { at: at(0.6), location: lane.hub, description: 'Departed regional sort facility' },
    );
  }
  legs.push({ at: localArrival, location: lane.destination, description: 'Arrived at local delivery facility' });

  const events: TrackingEvent[] = [
    {
      at: plan.labelAt,
      status: 'label_created',
      location: lane.origin,
      description: `Shipping label created; ${plan.carrier} awaiting item`,
    },
    { at: plan.pickupAt, status: 'in_transit', location: lane.origin, description: `Picked up by ${plan.carrier}` },
  ];
  const incident = plan.incident;

  if (incident?.kind === 'loss') {
    const lastScan = incident.at.getTime();
    for (const leg of legs) {
      if (leg.at <= lastScan)
        events.push({
          at: new Date(leg.at),
          status: 'in_transit',
          location: leg.location,
          description: leg.description,
        });
    }
    const lastLocation = events[events.length - 1]?.location ?? lane.origin;
    const traceAt = arrival + traceAfterMs;
    events.push(
      {
        at: new Date(traceAt),
        status: 'delayed',
        location: lastLocation,
        description: `No tracking update since the last scan; ${plan.carrier} has opened a trace`,
      },
      {
        at: new Date(traceAt + lostAfterTraceMs),
        status: 'lost',
        location: lastLocation,
        description: `Declared lost by ${plan.carrier} after an unsuccessful trace`,
      },
    );
    return events;
  }

  const delayAt = incident?.kind === 'delay' ? incident.at.getTime() : Number.POSITIVE_INFINITY;
  const shift = incident?.kind === 'delay' ? incident.hours * hourMs : 0;
  const moved = (time: number): number => (time > delayAt ? time + shift : time);
  let delayShown = false;
  const showDelay = (): void => {
    if (delayShown || incident?.kind !== 'delay') return;
    delayShown = true;
    events.push({
      at: incident.at,
      status: 'delayed',
      location: events[events.length - 1]?.location ?? lane.origin,
      description: incident.reason,
    });
  };
  for (const leg of legs) {
    if (leg.at > delayAt) showDelay();
    events.push({
      at: new Date(moved(leg.at)),
      status: 'in_transit',
      location: leg.location,
      description: leg.description,
    });
  }
  const outForDelivery = arrival - 5 * hourMs;
  if (outForDelivery > delayAt) showDelay();
  events.push({
    at: new Date(moved(outForDelivery)),
    status: 'out_for_delivery',
    location: lane.destination,
    description: 'Out for delivery',
  });
  // A delay after the van left (a failed delivery attempt) comes between the two.
  showDelay();
  events.push({
    at: new Date(moved(arrival)),
    status: 'delivered',
    location: lane.destination,
    description: plan.deliveryNote,
  });
  return events;
}

/** The shipment as the carrier reports it at `now`, or `undefined` before its label exists. */
export function trackShipment(plan: ShipmentPlan, now: Date): Shipment | undefined {
  const time = now.getTime();
  if (plan.labelAt.getTime() > time) return undefined;
  const events = plannedEvents(plan).filter((event) => event.at.getTime() <= time);
  const last = events[events.length - 1];
  const status = last?.status ?? 'label_created';
  const delay =
    plan.incident?.kind === 'delay' && plan.incident.at.getTime() <= time ? plan.incident.hours * hourMs : 0;
  const delivered = status === 'delivered' ? last?.at : undefined;
  return {
    id: plan.id,
    carrier: plan.carrier,
    trackingNumber: plan.trackingNumber,
    status,
    ...(plan.pickupAt.getTime() <= time ? { shippedAt: plan.pickupAt } : {}),
    // Carriers revise the estimate once they report a delay.
    estimatedDelivery: new Date(plan.estimatedDelivery.getTime() + delay),
    ...(delivered ? { deliveredAt: delivered } : {}),
    events,
  };
}
