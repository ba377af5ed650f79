import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { completable } from '@modelcontextprotocol/sdk/server/completable.js';
import { z } from 'zod';
import { completeTopic, threadUri } from './resources.js';
import type { Session } from './session.js';
import { readThread } from './tools/args.js';

/** The thread as an embedded resource, so the prompt carries it without a tool call. */
async function threadContent(session: Session, topic: string) {
  const snapshot = await readThread(session.deps.store, topic);
  return {
    type: 'resource' as const,
    resource: { uri: threadUri(topic), mimeType: 'text/markdown', text: snapshot.text },
  };
}

export function registerPrompts(server: McpServer, session: Session): void {
  const topic = completable(z.string().describe('Thread topic'), (value) =>
    completeTopic(session, value ?? ''),
  );

  server.registerPrompt(
    'catch_up',
    {
      title: 'Catch me up on a thread',
      description:
        'Summarize a thread: decisions, open questions, whose turn it is and what to do next.',
      argsSchema: { topic },
    },
    async (args) => {
      const { agent } = await session.identity();
      return {
        messages: [
          { role: 'user', content: await threadContent(session, args.topic) },
          {
            role: 'user',
            content: {
              type: 'text',
              text:
                `Catch me up on the Watercooler thread "${args.topic}" above. I am ${agent}. In a few bullets: what it is about, ` +
                'what has been decided, what is still open, who holds the ball, and — if it is my turn — what I should do next.',
            },
          },
        ],
      };
    },
  );

  server.registerPrompt(
    'handoff_summary',
    {
      title: 'Hand off with a summary',
      description:
        'Write a handoff note (done, state, next steps, open questions) and pass the ball with watercooler_handoff.',
      argsSchema: {
        topic,
        to: z.string().optional().describe('Who gets the ball; default the counterpart'),
      },
    },
    async (args) => {
      const { agent } = await session.identity();
      const target = args.to !== undefined && args.to !== '' ? args.to : 'the other party';
      return {
        messages: [
          { role: 'user', content: await threadContent(session, args.topic) },
          {
            role: 'user',
            content: {
              type: 'text',
              text:
                `You are ${agent}. Hand the Watercooler thread "${args.topic}" over to ${target}. Write a short handoff note in markdown ` +
                'with the headings Done, Current state, Next steps and Open questions, based on the thread above and your own work. ' +
                `Then call watercooler_handoff with topic "${args.topic}", note set to that text` +
                (args.to !== undefined && args.to !== '' ? `, and target_agent "${args.to}"` : '') +
                '. Afterwards you may call watercooler_wait_for_ball to wait for the reply.',
            },
          },
        ],
      };
    },
  );
}
