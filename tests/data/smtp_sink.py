#!/usr/bin/env python3
"""A real SMTP server on loopback for the email tests (aiosmtpd).

It listens on 127.0.0.1, prints one JSON line {"port": N} on stdout once it accepts
connections, and appends every message it receives to --out as one JSON line:
envelope sender and recipients, the raw data, its headers and its text parts as Python's
email module reads them, whether the session was encrypted, who signed in, and what the
server did with the message ("accepted", "failed" with 451, "dropped" without a reply).

Options: --starttls CERT KEY (offer STARTTLS, and require it), --tls CERT KEY (TLS from
the first byte, "SMTPS"), --auth USER PASSWORD
(require AUTH PLAIN/LOGIN), --fail N (answer the next N messages with 451),
--reject-rcpt ADDRESS (answer RCPT TO that address with 550; repeatable),
--reject-sender-domain DOMAIN (answer MAIL FROM an address there with 553),
--greylist N (answer the first N RCPT TO commands with 450, as greylisting does),
--drop N (close the connection after the next N messages without answering).
"""

import argparse
import asyncio
import email
import email.policy
import base64
import json
import ssl
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Sink:
    def __init__(self, args):
        self.out = open(args.out, "a", encoding="utf-8")
        self.fail = args.fail
        self.drop = args.drop
        self.reject = {a.lower() for a in args.reject_rcpt}
        self.reject_domain = (args.reject_sender_domain or "").lower()
        self.greylist = args.greylist

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if self.reject_domain and address.lower().endswith("@" + self.reject_domain):
            return f"553 5.7.1 <{address}>: Sender address rejected: not owned by user"
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 2.1.0 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.reject:
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"
        if self.greylist > 0:
            self.greylist -= 1
            return "450 4.2.0 Greylisted, please try again later"
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(rcpt_options)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.fail > 0:
            self.fail -= 1
            outcome = "failed"
        elif self.drop > 0:
            self.drop -= 1
            outcome = "dropped"
        else:
            outcome = "accepted"
        self.record(server, session, envelope, outcome)
        if outcome == "failed":
            return "451 4.3.0 Temporary failure, try again later"
        if outcome == "dropped":
            server.transport.abort()
            return "421 4.4.2 Connection dropped"
        return "250 2.0.0 OK: queued"

    def record(self, server, session, envelope, outcome):
        raw = envelope.original_content or b""
        message = email.message_from_bytes(raw, policy=email.policy.default)
        parts = []
        for part in message.walk():
            if part.is_multipart():
                continue
            content = part.get_content()
            if isinstance(content, bytes):
                # A picture or another binary part: base64, to travel as JSON.
                content = base64.b64encode(content).decode("ascii")
            parts.append(
                {
                    "content_type": part.get_content_type(),
                    "charset": part.get_content_charset(),
                    "transfer_encoding": part.get("Content-Transfer-Encoding"),
                    "content_id": part.get("Content-ID"),
                    "disposition": part.get_content_disposition(),
                    "content": content,
                }
            )
        line = {
            "outcome": outcome,
            "mail_from": envelope.mail_from,
            "mail_options": envelope.mail_options,
            "rcpt_tos": envelope.rcpt_tos,
            "tls": server.transport.get_extra_info("ssl_object") is not None,
            "login": login(session),
            "content_type": message.get_content_type(),
            "headers": [[k, str(v)] for k, v in message.items()],
            "parts": parts,
            "raw": raw.decode("utf-8", "replace"),
        }
        self.out.write(json.dumps(line, ensure_ascii=False) + "\n")
        self.out.flush()


def login(session):
    data = session.auth_data
    if isinstance(data, LoginPassword):
        return data.login.decode("utf-8", "replace")
    return None


def authenticator(user, password):
    def check(server, session, envelope, mechanism, auth_data):
        ok = (
            isinstance(auth_data, LoginPassword)
            and auth_data.login == user.encode()
            and auth_data.password == password.encode()
        )
        return AuthResult(success=ok, handled=False, auth_data=auth_data)

    return check


async def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--starttls", nargs=2, metavar=("CERT", "KEY"))
    parser.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"))
    parser.add_argument("--auth", nargs=2, metavar=("USER", "PASSWORD"))
    parser.add_argument("--fail", type=int, default=0)
    parser.add_argument("--drop", type=int, default=0)
    parser.add_argument("--reject-rcpt", action="append", default=[])
    parser.add_argument("--reject-sender-domain")
    parser.add_argument("--greylist", type=int, default=0)
    args = parser.parse_args()

    handler = Sink(args)
    tls_context = None
    if args.starttls:
        tls_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls_context.load_cert_chain(*args.starttls)
    implicit_tls = None
    if args.tls:
        implicit_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        implicit_tls.load_cert_chain(*args.tls)
    options = dict(
        hostname="sink.localhost",
        tls_context=tls_context,
        require_starttls=tls_context is not None,
    )
    if args.auth:
        options.update(
            authenticator=authenticator(*args.auth),
            auth_required=True,
            # aiosmtpd counts only STARTTLS as encryption; with --tls it all is.
            auth_require_tls=tls_context is not None,
        )

    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(handler, **options),
        host="127.0.0.1",
        port=args.port,
        ssl=implicit_tls,
    )
    port = server.sockets[0].getsockname()[1]
    print(json.dumps({"port": port}), flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        sys.exit(0)
