#!/usr/bin/python3
"""Tiny SMTP sink for the alerts tests: accepts every message on 127.0.0.1:PORT
and writes it to OUT_DIR/<n>.eml (envelope recipients in <n>.rcpt), renaming
into place so a reader never sees half a file.

usage: smtp_sink.py PORT OUT_DIR
"""
import itertools
import os
import signal
import sys
import threading

from aiosmtpd.controller import Controller

counter = itertools.count(1)


class Sink:
    async def handle_DATA(self, server, session, envelope):
        out = sys.argv[2]
        n = next(counter)
        base = os.path.join(out, "%04d" % n)
        with open(base + ".rcpt", "w") as f:
            f.write("\n".join(envelope.rcpt_tos) + "\n")
        with open(base + ".tmp", "wb") as f:
            f.write(envelope.original_content or envelope.content)
        os.rename(base + ".tmp", base + ".eml")
        return "250 OK"


def main():
    ctl = Controller(Sink(), hostname="127.0.0.1", port=int(sys.argv[1]))
    ctl.start()
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    signal.signal(signal.SIGINT, lambda *_: done.set())
    done.wait()
    ctl.stop()


if __name__ == "__main__":
    main()
