/**
 * What one chat instance knows about the other instances serving `/chat`, to decide whether a room
 * broadcast has to go through Redis. A broadcast kept in-process while another instance has a
 * socket in the room would be lost for that socket, so "alone" is only ever concluded from a
 * count asked for after everything that said otherwise.
 */
export interface PeerView {
  /** Only this instance serves `/chat`: room broadcasts can stay in-process. */
  alone: boolean;
  /** How many announcements from other instances this one has seen. */
  announcements: number;
}

/** A new instance publishes everything until its first count says it is alone. */
export const initialPeerView: PeerView = { alone: false, announcements: 0 };

/** One `PUBSUB NUMSUB` answer: subscribers of the request channel, and of this instance's own channel. */
export interface InstanceCount {
  /** Subscribers of the `/chat` request channel: one per instance whose subscription is live. */
  instances: number;
  /** Subscribers of this instance's own response channel: 1 when its own subscription is live. */
  ownSubscriptions: number;
  /** `announcements` of the view when the count was asked for. */
  askedAfterAnnouncements: number;
}

/**
 * Another instance announced itself (it is about to accept sockets), or this one's subscription
 * dropped (it would not hear one): publish from now on, until a count asked for after this.
 */
export function afterAnnouncement(view: PeerView): PeerView {
  return { alone: false, announcements: view.announcements + 1 };
}

/**
 * A count came back. It decides only if no announcement came in since it was asked for (it may
 * predate the announcing instance's subscription), and "alone" needs this instance's own
 * subscription in the same count: otherwise the one instance counted may be another.
 */
export function afterCount(view: PeerView, count: InstanceCount): PeerView {
  if (count.askedAfterAnnouncements !== view.announcements) return view;
  const alone = count.ownSubscriptions === 1 && count.instances === 1;
  return alone === view.alone ? view : { ...view, alone };
}
