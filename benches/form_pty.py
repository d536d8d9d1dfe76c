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
def timed(fd, t0, quiet):
    """(first byte, last byte, bytes) of what the program writes after t0,
    until it has been quiet for `quiet` seconds."""
    first = last = None
    n = 0
    while True:
        r, _, _ = select.select([fd], [], [], quiet if first else 2)
        if not r:
            break
        chunk = os.read(fd, 65536)
        now = time.perf_counter() - t0
        first = first if first is not None else now
        last = now
        n += len(chunk)
    return first or 0.0, last or 0.0, n

# One character typed into the answer field: bytes and time to the frame.
sizes, lat, lat_last = [], [], []
for ch in "123456789" * 3:
    t0 = time.perf_counter()
    os.write(fd, ch.encode())
    first, last, n = timed(fd, t0, 0.1)
    lat.append(first)
    lat_last.append(last)
    sizes.append(n)
    os.write(fd, b"\x7f")
    read_until_quiet(fd, 0.1)
# Accepting an answer: the engine runs again and the new question is drawn
# whole. The four first answers, then twenty times back and Enter again.
accept, accept_last, accept_bytes = [], [], []
def accept_one(typed):
    if typed:
        os.write(fd, typed)
        read_until_quiet(fd, 0.1)
    t0 = time.perf_counter()
    os.write(fd, b"\r")
    first, last, n = timed(fd, t0, 0.15)
    accept.append(first)
    accept_last.append(last)
    accept_bytes.append(n)
for answer in [b"2", b"Walter Brooks", b"Rosa Brooks", b"2"]:
    accept_one(answer)
for _ in range(20):
    os.write(fd, b"\x1b[Z")
    read_until_quiet(fd, 0.1)
    accept_one(None)
rss = [l for l in open(f"/proc/{pid}/status") if l.startswith("VmRSS")][0].split()[1]
for p, f in sessions:
    os.kill(p, 9)
    os.waitpid(p, 0)
print(f"terminal {COLS}x{ROWS}, {BIN}")
print(f"start-up to first frame: median {statistics.median(starts)*1000:.1f} ms (min {min(starts)*1000:.1f}, max {max(starts)*1000:.1f}, {len(starts)} runs)")
print(f"bytes written for one character typed: median {statistics.median(sizes)}, max {max(sizes)} ({len(sizes)} keys)")
print(f"keystroke to the new frame: first byte median {statistics.median(lat)*1000:.2f} ms, last byte median {statistics.median(lat_last)*1000:.2f} ms (includes pty and scheduling)")
print(f"answer accepted (engine run and whole frame): first byte median {statistics.median(accept)*1000:.2f} ms, last byte median {statistics.median(accept_last)*1000:.2f} ms, max {max(accept_last)*1000:.2f} ms ({len(accept)} answers)")
print(f"bytes written for an accepted answer (a new question, drawn whole): median {statistics.median(accept_bytes)}, max {max(accept_bytes)}")
print(f"resident memory of the session: {int(rss)/1024:.1f} MB")
