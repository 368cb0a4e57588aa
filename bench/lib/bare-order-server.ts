// The `chat` benchmark's baseline, run as its own process: a bare Socket.IO server that, per
// `message.send`, reads the order named in the text by `_id` and emits it back. It is the work a
// chat answer cannot do without (a socket frame in, one indexed read, a frame out): no NLU, no
// conversation writes, no Redis adapter, no verification, no acknowledgement.
import { createServer } from 'node:http';
import { MongoClient } from 'mongodb';
import { Server } from 'socket.io';
import { z } from 'zod';

const env = z
  .object({
    BENCH_MONGODB_URI: z.string().min(1),
    BENCH_MONGODB_DB: z.string().min(1),
    BENCH_PORT: z.coerce.number().int().min(1).max(65_535),
  })
  .parse(process.env);

const client = new MongoClient(env.BENCH_MONGODB_URI, { retryWrites: false });
await client.connect();
// The read the chat app's order answers send (customer-profile `getOrder`).
const orders = client.db(env.BENCH_MONGODB_DB).collection<{ _id: string }>('orders');
const messageSchema = z.object({ text: z.string().min(1).max(2000) });

const httpServer = createServer((request, response) => {
  response.writeHead(request.url === '/health' ? 200 : 404, { 'content-type': 'application/json' });
  response.end('{"status":"ok"}');
});
// Same transport limits as the chat app (256 KB frames); no adapter: one process, no rooms to share.
const io = new Server(httpServer, { serveClient: false, maxHttpBufferSize: 256 * 1024 });
io.of('/chat').on('connection', (socket) => {
  socket.on('message.send', (payload: unknown) => {
    const parsed = messageSchema.safeParse(payload);
    const orderNumber = parsed.success ? /(\d{4,12})/.exec(parsed.data.text)?.[1] : undefined;
    if (!orderNumber) return;
    orders.findOne({ _id: orderNumber }).then(
      (order) => socket.emit('message.created', { orderNumber, order }),
      (error: unknown) => socket.emit('error', { message: error instanceof Error ? error.message : String(error) }),
    );
  });
});
httpServer.listen(env.BENCH_PORT, '127.0.0.1');

const stop = (): void => {
  void io.close(() => {
    void client.close().finally(() => process.exit(0));
  });
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
