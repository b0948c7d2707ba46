import nodemailer from 'nodemailer';
import type { Mailer } from '../domain/notifications/notification-ports.ts';

/** A mailer over SMTP (nodemailer), and the way to release its connections. */
export interface SmtpMailer extends Mailer {
  close(): void;
}

/**
 * Sends e-mail through the SMTP server of `url` (`smtp://user:pass@host:587`, or `smtps://` for TLS
 * from the start). Times out rather than hanging a delivery run on a dead server.
 */
export function createSmtpMailer(options: { url: string; from: string }): SmtpMailer {
  const transport = nodemailer.createTransport(
    { url: options.url, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 },
    { from: options.from },
  );
  return {
    async send(message) {
      await transport.sendMail({ to: message.to, subject: message.subject, text: message.text });
    },
    close() {
      transport.close();
    },
  };
}
