#!/usr/bin/env python3
"""Measure the form through a real pseudo-terminal (no third-party modules):
start-up to first frame, bytes written when one character is typed into a
field and when an answer is accepted, keystroke-to-frame latency, and
resident memory of the session.

    python3 benches/form_pty.py [path/to/intake] [cols rows]
"""
import os, pty, select, statistics, sys, tempfile, time, fcntl, termios, struct

BIN = sys.argv[1] if len(sys.argv) > 1 else "target/release/intake"
COLS, ROWS = (int(sys.argv[2]), int(sys.argv[3])) if len(sys.argv) > 3 else (80, 24)

def spawn(home):
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update({"TERM": "xterm-256color", "LANG": "C.UTF-8", "XDG_DATA_HOME": home})
        os.execv(BIN, [BIN, "--as-of", "2016-06-01"])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
    return pid, fd

def read_until_quiet(fd, quiet=0.15, limit=5.0):
    """Bytes written until the program has been quiet for `quiet` seconds."""
    out, end = b"", time.time() + limit
    while time.time() < end:
        r, _, _ = select.select([fd], [], [], quiet)
        if not r:
            break
        out += os.read(fd, 65536)
    return out

def first_frame():
    home = tempfile.mkdtemp()
    t0 = time.perf_counter()
    pid, fd = spawn(home)
    buf = b""
    while b"How many" not in buf.replace(b"\xc2\xa0", b" "):
        r, _, _ = select.select([fd], [], [], 5)
        if not r:
            raise SystemExit("no first frame")
        buf += os.read(fd, 65536)
    t = time.perf_counter() - t0
    read_until_quiet(fd)
    return t, pid, fd

starts, sessions = [], []
for _ in range(15):
    t, pid, fd = first_frame()
    starts.append(t)
    sessions.append((pid, fd))
pid, fd = sessions[-1]
# One character typed into the answer field: bytes and time to the frame.
sizes, lat = [], []
for ch in "123456789" * 3:
    t0 = time.perf_counter()
    os.write(fd, ch.encode())
    r, _, _ = select.select([fd], [], [], 2)
    lat.append(time.perf_counter() - t0)
    sizes.append(len(read_until_quiet(fd, 0.1)))
    os.write(fd, b"\x7f")
    read_until_quiet(fd, 0.1)
# Accepting an answer: the engine runs again and the frame is redrawn.
accept, accept_bytes = [], []
for answer in [b"2\r", b"Walter Brooks\r", b"Rosa Brooks\r", b"2\r"]:
    os.write(fd, answer[:-1])
    read_until_quiet(fd, 0.1)
    t0 = time.perf_counter()
    os.write(fd, b"\r")
    select.select([fd], [], [], 2)
    accept.append(time.perf_counter() - t0)
    accept_bytes.append(len(read_until_quiet(fd, 0.15)))
rss = [l for l in open(f"/proc/{pid}/status") if l.startswith("VmRSS")][0].split()[1]
for p, f in sessions:
    os.kill(p, 9)
    os.waitpid(p, 0)
print(f"terminal {COLS}x{ROWS}, {BIN}")
print(f"start-up to first frame: median {statistics.median(starts)*1000:.1f} ms (min {min(starts)*1000:.1f}, max {max(starts)*1000:.1f}, {len(starts)} runs)")
print(f"bytes written for one character typed: median {statistics.median(sizes)}, max {max(sizes)} ({len(sizes)} keys)")
print(f"keystroke to first byte of the new frame: median {statistics.median(lat)*1000:.2f} ms (includes pty and scheduling)")
print(f"answer accepted (engine run and render) to first byte of the frame: median {statistics.median(accept)*1000:.2f} ms, max {max(accept)*1000:.2f} ms")
print(f"bytes written for an accepted answer (a new question, drawn whole): median {statistics.median(accept_bytes)}, max {max(accept_bytes)}")
print(f"resident memory of the session: {int(rss)/1024:.1f} MB")
