import { RedisAdapter } from '@socket.io/redis-adapter';
import type { Redis } from 'ioredis';
import type { Namespace } from 'socket.io';
import type { Logger } from '@loyaldesk/platform/logger';
import { afterAnnouncement, afterCount, initialPeerView, type PeerView } from './peer-view.ts';

/** Server-side event a starting instance sends the others before it accepts sockets. */
export const instanceJoiningEvent = 'loyaldesk:instance.joining';

type BroadcastOptions = Parameters<RedisAdapter['broadcast']>[1];

/**
 * The Socket.IO Redis adapter, except that a room broadcast stays in this process while no other
 * instance serves `/chat`. Through Redis, every broadcast is a publish plus its echo back to this
 * instance's own subscriber (the adapter reads, decodes and drops it): measured at 500 answers/s,
 * the chat's turns cost ~0.25 ms less CPU and half the median latency without them. Messages from
 * other publishers (ticketing's emitter) still arrive through the subscription as before.
 *
 * With several instances every broadcast is published, as before. "Alone" comes from
 * `PUBSUB NUMSUB` of the request channel (one subscriber per instance) taken together with this
 * instance's own response channel (so the one subscriber counted is this instance), asked for every
 * `checkIntervalMs`; an instance that starts announces itself to the others and waits for their
 * answers before it accepts sockets (`joinPeers`), so none of its sockets can miss a broadcast
 * another instance kept to itself.
 */
export class PeerAwareRedisAdapter extends RedisAdapter {
  private view: PeerView = initialPeerView;
  private readonly countedChannels: [requestChannel: string, ownResponseChannel: string];
  private timer: NodeJS.Timeout | undefined;
  // While the subscription is down this instance hears no announcements: publish until a count
  // finds its subscription live again.
  private readonly onSubscriberClosed = (): void => {
    this.view = afterAnnouncement(this.view);
  };

  constructor(
    private readonly namespace: Namespace,
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    key: string,
  ) {
    super(namespace, publisher, subscriber, { key });
    subscriber.on('close', this.onSubscriberClosed);
    // The channels @socket.io/redis-adapter 8.3 subscribes to (private there): `${key}-request#/chat#`
    // by every instance, `${key}-response#/chat#${uid}#` by this one only.
    this.countedChannels = [
      `${key}-request#${namespace.name}#`,
      `${key}-response#${namespace.name}#${String(this.uid)}#`,
    ];
  }

  /** Only this instance serves the namespace (as of the last count). */
  get alone(): boolean {
    return this.view.alone;
  }

  override broadcast(packet: unknown, options: BroadcastOptions): void {
    if (this.view.alone && !options.flags?.local) {
      super.broadcast(packet, { ...options, flags: { ...options.flags, local: true } });
      return;
    }
    super.broadcast(packet, options);
  }

  /** Another instance announced itself: publish from now on (until a later count says otherwise). */
  peerAnnounced(): void {
    this.view = afterAnnouncement(this.view);
  }

  /** Counts the instances now and updates the view; resolves with whether this one is alone. */
  async countInstances(): Promise<boolean> {
    const askedAfterAnnouncements = this.view.announcements;
    const reply = (await this.publisher.call('PUBSUB', 'NUMSUB', ...this.countedChannels)) as Array<string | number>;
    this.view = afterCount(this.view, {
      instances: Number(reply[1]),
      ownSubscriptions: Number(reply[3]),
      askedAfterAnnouncements,
    });
    return this.view.alone;
  }

  /**
   * Before accepting sockets: waits until this instance's subscription is live, then tells the
   * other instances (they publish from then on), waits for their answers (the adapter's 5 s request
   * timeout), and starts counting.
   */
  async joinPeers(options: { checkIntervalMs: number; logger: Logger }): Promise<void> {
    const { logger } = options;
    for (let waited = 0; ; waited += 50) {
      const reply = (await this.publisher.call('PUBSUB', 'NUMSUB', this.countedChannels[1])) as Array<string | number>;
      if (Number(reply[1]) === 1) break;
      if (waited >= 10_000)
        throw new Error('the Socket.IO Redis subscription did not start within 10 s; check REDIS_URL');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    try {
      const answers = await this.namespace.serverSideEmitWithAck(instanceJoiningEvent);
      if (answers.length > 0)
        logger.info({ instances: answers.length + 1 }, 'chat instances: room broadcasts go through Redis');
    } catch (error) {
      // An instance that did not answer still sees this one in its next count.
      logger.warn(
        { err: error instanceof Error ? error.message : String(error), checkIntervalMs: options.checkIntervalMs },
        'not every chat instance answered in time; they will count this one within the check interval',
      );
    }
    await this.countInstancesLogged(logger);
    this.timer = setInterval(() => void this.countInstancesLogged(logger), options.checkIntervalMs);
    this.timer.unref();
  }

  override close(): ReturnType<RedisAdapter['close']> {
    clearInterval(this.timer);
    this.subscriber.off('close', this.onSubscriberClosed);
    return super.close();
  }

  private async countInstancesLogged(logger: Logger): Promise<void> {
    try {
      await this.countInstances();
    } catch (error) {
      // Without an answer the view stays as it was: still publishing if it was.
      logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'could not count chat instances');
    }
  }
}

/** The adapter factory for `new Server({ adapter })`. */
export function createPeerAwareAdapter(
  publisher: Redis,
  subscriber: Redis,
  key: string,
): (namespace: Namespace) => PeerAwareRedisAdapter {
  // A function expression, not an arrow: Socket.IO calls it with `new` (one adapter per namespace).
  return function peerAwareAdapter(namespace: Namespace): PeerAwareRedisAdapter {
    return new PeerAwareRedisAdapter(namespace, publisher, subscriber, key);
  };
}
