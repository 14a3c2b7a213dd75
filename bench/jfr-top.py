#!/usr/bin/env python3
"""Where a JFR recording's CPU samples of Tomcat request threads go: frames by inclusive share, and leaf frames.

Usage: bench/jfr-top.py RECORDING.jfr [TOP]. Uses the JDK's `jfr print`. TLS handshakes (new connections) are
counted apart, since they are per connection, not per request.
"""
import collections
import re
import subprocess
import sys

recording = sys.argv[1]
top = int(sys.argv[2]) if len(sys.argv) > 2 else 30
text = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "128", recording],
                      capture_output=True, text=True, check=True).stdout
inclusive, leaves = collections.Counter(), collections.Counter()
samples = handshakes = others = 0
for event in text.split("jdk.ExecutionSample")[1:]:
    stack = re.search(r"stackTrace = \[(.*?)\n\s*\]", event, re.S)
    if not stack:
        continue
    frames = [re.sub(r"\(.*", "", re.sub(r"\s+line:.*", "", line.strip()))
              for line in stack.group(1).strip().split("\n") if line.strip() and line.strip() != "..."]
    if not any("SocketProcessorBase.run" in f for f in frames):
        others += 1
        continue
    if any("SecureNioChannel.handshake" in f for f in frames):
        handshakes += 1
        continue
    samples += 1
    leaves[frames[0]] += 1
    for frame in set(frames):
        inclusive[frame] += 1
print(f"request-thread samples: {samples} (plus {handshakes} in TLS handshakes, {others} on other threads)")
if samples == 0:
    sys.exit(0)
print("-- inclusive (a frame and what it calls), % of request-thread samples")
for frame, n in inclusive.most_common(top * 4):
    if frame.startswith(("java.", "jdk.", "sun.")) and "ssl" not in frame.lower():
        continue  # plumbing (Thread.run, reflection) says little; TLS stays
    print(f"{100 * n / samples:5.1f}%  {frame}")
print("-- leaf frames (where the CPU is), % of request-thread samples")
for frame, n in leaves.most_common(top):
    print(f"{100 * n / samples:5.1f}%  {frame}")
