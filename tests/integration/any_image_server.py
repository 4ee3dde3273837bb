#!/usr/bin/env python3
"""HTTP server for tests/integration/fetch_corpus.sh, on 127.0.0.1 and a free
port: every GET answers 200 with a small PNG whose colour and size are made
from the path (the same path always gives the same image), so a copy of a
corpus source whose remote image addresses point here gets all its images.

Usage: any_image_server.py PORTFILE LOG
The port is written to PORTFILE once the server listens; each path served is
appended to LOG.
"""
import hashlib
import http.server
import struct
import sys
import threading
import zlib

PORTFILE, LOG = sys.argv[1:3]
lock = threading.Lock()


def png(path):
    h = hashlib.sha1(path.encode()).digest()
    w, ht = 40 + h[0] % 200, 30 + h[1] % 150
    row = b"\x00" + bytes(h[2:5]) * w
    raw = row * ht

    def chunk(kind, data):
        c = struct.pack(">I", len(data)) + kind + data
        return c + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, ht, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def do_GET(self):
        body = png(self.path)
        with lock, open(LOG, "a") as f:
            f.write(self.path + "\n")
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(PORTFILE + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
import os
os.rename(PORTFILE + ".tmp", PORTFILE)
server.serve_forever()
