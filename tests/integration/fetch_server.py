#!/usr/bin/env python3
"""HTTP server for tests/integration/fetch.sh, on 127.0.0.1 and a free port.

Usage: fetch_server.py ROOT LOG PORTFILE

Serves the files in ROOT: *.jpg with a Last-Modified validator, everything
else with an ETag (the SHA-1 of the bytes); conditional requests get 304.
The type sent is the extension's, whatever the bytes are. Some paths behave
differently (see SPECIAL). Each request is appended to LOG as one line:
"GET /path STATUS inm=<If-None-Match or -> ims=<If-Modified-Since or ->".
The port is written to PORTFILE once the server listens.
"""
import email.utils
import hashlib
import http.server
import mimetypes
import os
import sys
import threading
import time

ROOT, LOG, PORTFILE = sys.argv[1:4]
log_lock = threading.Lock()
PNG_HEAD = b"\x89PNG\r\n\x1a\n"


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def record(self, status):
        inm = self.headers.get("If-None-Match", "-")
        ims = self.headers.get("If-Modified-Since", "-")
        with log_lock, open(LOG, "a") as f:
            f.write(f"{self.command} {self.path} {status} inm={inm} ims={ims}\n")

    def answer(self, status, headers=(), body=b""):
        self.record(status)
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        if status != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def redirect(self, location):
        self.answer(302, [("Location", location)])

    def slow(self):
        """Headers at once, then a pause longer than the test's timeout."""
        self.record(200)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", "1000")
        self.end_headers()
        self.wfile.write(PNG_HEAD)
        self.wfile.flush()
        time.sleep(4)

    def declared_huge(self):
        """Declares 100 MB; curl refuses from the header alone."""
        self.record(200)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(100 << 20))
        self.end_headers()
        self.wfile.write(PNG_HEAD)
        self.close_connection = True

    def streamed_huge(self):
        """No length, 65 MB of body until the connection closes."""
        self.record(200)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        chunk = bytes(1 << 20)
        try:
            self.wfile.write(PNG_HEAD)
            for _ in range(65):
                self.wfile.write(chunk)
        except OSError:
            pass  # the client gave up, as it should

    def do_GET(self):
        port = self.server.server_address[1]
        special = {
            "/slow.png": self.slow,
            "/declared-huge.png": self.declared_huge,
            "/streamed-huge.png": self.streamed_huge,
            "/to-good": lambda: self.redirect("/good.png"),
            "/to-metadata": lambda: self.redirect("http://169.254.169.254/latest/meta-data.png"),
            "/to-mapped-metadata": lambda: self.redirect("http://[::ffff:169.254.169.254]/x.png"),
            "/to-zero": lambda: self.redirect(f"http://0.0.0.0:{port}/good.png"),
            "/to-file": lambda: self.redirect("file:///etc/passwd"),
            "/loop": lambda: self.redirect("/loop"),
        }
        if self.path in special:
            special[self.path]()
            return
        path = os.path.join(ROOT, self.path.lstrip("/"))
        if "/.." in self.path or not os.path.isfile(path):
            self.answer(404, [("Content-Type", "text/html")], b"<h1>not found</h1>")
            return
        with open(path, "rb") as f:
            body = f.read()
        ctype = mimetypes.guess_type(path)[0] or "application/octet-stream"
        if path.endswith(".jpg"):
            lm = email.utils.formatdate(int(os.stat(path).st_mtime), usegmt=True)
            validator = [("Last-Modified", lm)]
            fresh = self.headers.get("If-Modified-Since") == lm
        else:
            etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            validator = [("ETag", etag)]
            fresh = self.headers.get("If-None-Match") == etag
        if fresh:
            self.answer(304, validator)
        else:
            self.answer(200, [("Content-Type", ctype)] + validator, body)


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64  # the default 5 drops parallel connects (1 s SYN retry)


server = Server(("127.0.0.1", 0), Handler)
with open(PORTFILE + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.rename(PORTFILE + ".tmp", PORTFILE)
server.serve_forever()
