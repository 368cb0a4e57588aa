import {
  surveyAnsweredEventSchema,
  surveyAnsweredJobId,
  type SurveyAnsweredEvent,
  type SurveyQuestion,
} from '@loyaldesk/contracts/chat-jobs';
import { durableJobOptions } from '@loyaldesk/contracts/queues';
import type { JobQueue } from '../queue/job-queue.ts';

/**
 * Sends the answers so far to ticketing (`survey.answered` on `chatQueueNames.surveyAnswers`), one
 * job per answered question so a retry adds nothing.
 */
export async function publishSurveyAnswers(
  queue: JobQueue,
  event: SurveyAnsweredEvent,
  question: SurveyQuestion,
): Promise<void> {
  await queue.add(surveyAnsweredEventSchema.parse(event), {
    ...durableJobOptions,
    jobId: surveyAnsweredJobId(event.conversationId, question),
  });
}
