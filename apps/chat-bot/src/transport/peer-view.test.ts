import { describe, expect, it } from 'vitest';
import { afterAnnouncement, afterCount, initialPeerView, type PeerView } from './peer-view.ts';

const aloneView: PeerView = { alone: true, announcements: 0 };

describe('peer view', () => {
  it('starts out publishing, and is alone once a count finds only its own subscription', () => {
    expect(initialPeerView.alone).toBe(false);
    const counted = afterCount(initialPeerView, { instances: 1, ownSubscriptions: 1, askedAfterAnnouncements: 0 });
    expect(counted.alone).toBe(true);
  });

  it('is not alone when another instance is counted', () => {
    expect(afterCount(aloneView, { instances: 2, ownSubscriptions: 1, askedAfterAnnouncements: 0 }).alone).toBe(false);
  });

  it('does not take the one instance counted for itself while its own subscription is not live', () => {
    // Reconnecting: the one subscriber of the request channel is another instance.
    expect(afterCount(initialPeerView, { instances: 1, ownSubscriptions: 0, askedAfterAnnouncements: 0 }).alone).toBe(
      false,
    );
    expect(afterCount(aloneView, { instances: 0, ownSubscriptions: 0, askedAfterAnnouncements: 0 }).alone).toBe(false);
  });

  it('publishes from the moment another instance announces itself', () => {
    const announced = afterAnnouncement(aloneView);
    expect(announced).toEqual({ alone: false, announcements: 1 });
  });

  it('ignores a count asked for before the latest announcement, even if it answers after it', () => {
    // Asked while the new instance was not subscribed yet; its announcement overtook the answer.
    const announced = afterAnnouncement(aloneView);
    const stale = afterCount(announced, { instances: 1, ownSubscriptions: 1, askedAfterAnnouncements: 0 });
    expect(stale.alone).toBe(false);
    const fresh = afterCount(announced, { instances: 1, ownSubscriptions: 1, askedAfterAnnouncements: 1 });
    expect(fresh.alone).toBe(true);
  });

  it('returns the same view when nothing changes', () => {
    expect(afterCount(aloneView, { instances: 1, ownSubscriptions: 1, askedAfterAnnouncements: 0 })).toBe(aloneView);
  });
});
