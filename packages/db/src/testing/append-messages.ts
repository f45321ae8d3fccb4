// A separate OS process that sends messages: `tsx append-messages.ts URL CONVERSATION AUTHOR
// COUNT PREFIX` appends COUNT messages to one conversation through the repository, all at once,
// and prints the seqs it got as JSON. conversations.spec.ts runs two of these side by side.
import { closeDatabase, connectDatabase, databaseOf } from '../client.ts';
import { createConversationRepository } from '../repositories/conversations.ts';

const [url, conversationId, authorId, countText, prefix] = process.argv.slice(2);
if (!url || !conversationId || !authorId || !countText || !prefix) {
  throw new Error('usage: append-messages.ts URL CONVERSATION AUTHOR COUNT PREFIX');
}
const database = await connectDatabase(url);
try {
  const conversations = createConversationRepository(databaseOf(database));
  const appended = await Promise.all(
    Array.from({ length: Number(countText) }, (_, i) =>
      conversations.append({
        id: `${prefix}-${i}`,
        conversationId,
        authorId,
        body: `message ${i} from ${prefix}`,
        clientMessageId: `${prefix}-${i}`,
        at: new Date(),
      }),
    ),
  );
  process.stdout.write(JSON.stringify(appended.map((a) => a.message.seq)));
} finally {
  await closeDatabase(database);
}
