import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { z } from 'zod';
import { agentClientEvents, agentsNamespace } from '@loyaldesk/contracts/agents-events';

interface Live {
  socket: Socket | null;
  connected: boolean;
}

const LiveContext = createContext<Live>({ socket: null, connected: false });

/**
 * Connects to ticketing's `/agents` namespace (same origin through the console server; the session
 * cookie authenticates the handshake) while an agent is signed in.
 */
export function LiveProvider({ children }: { children: ReactNode }) {
  const [live, setLive] = useState<Live>({ socket: null, connected: false });
  useEffect(() => {
    const socket = io(agentsNamespace, { withCredentials: true, transports: ['websocket', 'polling'] });
    setLive({ socket, connected: false });
    const onConnect = (): void => setLive({ socket, connected: true });
    const onDisconnect = (reason: string): void => {
      setLive({ socket, connected: false });
      // Ticketing closes an agent's sockets when their role changes or their session ends: connect
      // again, and the handshake decides (the new role, or refused after logout/deactivation).
      if (reason === 'io server disconnect') socket.connect();
    };
    socket.on('connect', onConnect);
    socket.on('disconnect', onDisconnect);
    return () => {
      socket.off('connect', onConnect);
      socket.off('disconnect', onDisconnect);
      socket.disconnect();
    };
  }, []);
  return <LiveContext.Provider value={live}>{children}</LiveContext.Provider>;
}

/** The socket and whether it is connected. */
export function useLive(): Live {
  return useContext(LiveContext);
}

/** Calls `handler` with each `event` whose payload parses with `schema` (others are ignored). */
export function useLiveEvent<Schema extends z.ZodType>(event: string, schema: Schema, handler: (payload: z.output<Schema>) => void): void {
  const { socket } = useLive();
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    if (!socket) return;
    const listener = (payload: unknown): void => {
      const parsed = schema.safeParse(payload);
      if (parsed.success) latest.current(parsed.data);
    };
    socket.on(event, listener);
    return () => {
      socket.off(event, listener);
    };
  }, [socket, event, schema]);
}

/** Follows a ticket's room (messages, typing, updates) while mounted, again after each reconnect. */
export function useWatchTicket(ticketId: string | null): void {
  const { socket, connected } = useLive();
  useEffect(() => {
    if (!socket || !connected || !ticketId) return;
    socket.emit(agentClientEvents.watchTicket, { ticketId });
    return () => {
      socket.emit(agentClientEvents.unwatchTicket, { ticketId });
    };
  }, [socket, connected, ticketId]);
}
