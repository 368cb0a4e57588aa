import { createTransport } from 'nodemailer';

/** Sends one plain-text email; rejects when the server refuses it. */
export interface NoticeMailer {
  send(message: { to: string; subject: string; text: string }): Promise<void>;
  close(): void;
}

/**
 * A mailer over SMTP (nodemailer), e.g. `smtp://user:pass@mail.example.com:587` or `smtps://…:465`.
 * @example const mailer = createSmtpMailer({ url: 'smtp://localhost:2525', from: 'Support <support@shop.example>' });
 */
export function createSmtpMailer(options: { url: string; from: string; timeoutMs?: number }): NoticeMailer {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const url = new URL(options.url);
  const secure = url.protocol === 'smtps:';
  const transport = createTransport({
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    ...(url.username ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } } : {}),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  return {
    async send(message) {
      await transport.sendMail({ from: options.from, ...message });
    },
    close() {
      transport.close();
    },
  };
}
