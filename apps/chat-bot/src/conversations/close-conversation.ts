import type { Outbox } from '@loyaldesk/platform/outbox';
import * as replies from '../answers/dialog-replies.ts';
import { catalogFor } from '../i18n/catalogs.ts';
import { conversationClosedOutboxEvent } from '../outbox/chat-outbox-events.ts';
import { startSurvey } from '../survey/survey-flow.ts';
import type { ActionHandler } from './action-handler.ts';
import type { ChatRoom } from './chat-room.ts';
import type { Conversation } from './conversation.ts';
import { transitionFrom } from './conversation-change.ts';
import type { ConversationStore } from './storage/conversation-store.ts';

export interface ConversationClosingDeps {
  store: ConversationStore;
  outbox: Pick<Outbox, 'record'>;
  room: Pick<ChatRoom, 'updated'>;
  clock: () => Date;
}

/** After a conversation closed (`closed`, its state after): counted for the metrics, then announced. */
export async function announceClosed(deps: ConversationClosingDeps, closed: Conversation): Promise<void> {
  await deps.outbox.record(
    conversationClosedOutboxEvent({
      conversationId: closed.id,
      closedAt: (closed.closedAt ?? deps.clock()).toISOString(),
      handedOff: closed.handoff !== null,
      language: closed.language,
    }),
  );
  deps.room.updated(closed);
}

/** `close`: the shopper ends a chat with the bot; it closes, is counted, and the survey starts with CSAT. */
export function createCloseHandler(deps: ConversationClosingDeps): ActionHandler<'close'> {
  return async (_action, turn) => {
    const now = deps.clock();
    const closed = await deps.store.changeState(
      turn.conversation.id,
      transitionFrom(['bot'], { ...turn.patch, state: 'closed', closedAt: now, survey: startSurvey(null, now) }),
      now,
    );
    if (!closed) return { replies: [], patch: null };
    await announceClosed(deps, closed);
    return {
      replies: [replies.surveyQuestionReply(turn.language, 'csat', catalogFor(turn.language).closing())],
      patch: null,
    };
  };
}
