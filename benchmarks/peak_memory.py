"""Peak memory of a process, from the kernel's accounting: shared by the benchmarks.

A small launcher process starts the measured one and reads its peak from the kernel (wait4). Not the benchmark's
own process: a child forked from it would count the benchmark's size as its own peak.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

_LAUNCHER = """
import json, os, subprocess, sys, tempfile, time
out, err = tempfile.TemporaryFile(), tempfile.TemporaryFile()
start = time.perf_counter()
proc = subprocess.Popen(sys.argv[1:], stdout=out, stderr=err)
_, status, usage = os.wait4(proc.pid, 0)
out.seek(0), err.seek(0)
out, err = out.read(), err.read()
print(json.dumps({"rss": usage.ru_maxrss * 1024, "seconds": time.perf_counter() - start,
                  "code": os.waitstatus_to_exitcode(status), "stdout": out[-2000:].decode("utf-8", "replace"),
                  "stderr": err[-2000:].decode("utf-8", "replace")}))
"""


def peak_rss(args: list[str], env: dict, cwd: Path) -> dict:
    """Peak resident memory in bytes ("rss"), "seconds" and "stdout" of the process `args`; raises if it fails."""
    out = subprocess.run([sys.executable, "-S", "-c", _LAUNCHER, *args], cwd=cwd, env=env, capture_output=True,
                         text=True, check=True)
    result = json.loads(out.stdout)
    if result["code"] != 0:
        raise RuntimeError(f"{args[1:]} failed: {result['stderr']}")
    return result
