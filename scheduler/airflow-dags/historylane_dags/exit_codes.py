"""What a failed spark-submit of historylane means for Airflow's retries (README "Exit codes").

In client deploy mode the driver is the spark-submit process, so its exit code is historylane's:
1 failed (retry), 2 bad input (never retry), 3 data committed but the StarRocks refresh failed
(do not rerun the job; run `historylane refresh --report <report>`). SparkSubmitHook reports a
non-zero exit only as the text of its exception, "Cannot execute: <cmd>. Error code is: <n>.",
the same in every provider version (newer ones append the last lines of output), so the code is
read from that text.
"""
from __future__ import annotations

import re

BAD_INPUT = 2
FOLLOW_UP_FAILED = 3

_EXIT_CODE = re.compile(r"Error code is: (-?\d+)\.")
# RunCommand's last line: "<command>: <outcome> (exit 3); report: <file>"
_REPORT = re.compile(r"\(exit \d+\); report: (\S+)")


def exit_code(failure_message: str) -> int | None:
    """The spark-submit exit code in a SparkSubmitHook failure, or None for any other failure."""
    match = _EXIT_CODE.search(failure_message)
    return int(match.group(1)) if match else None


def no_retry_reason(failure_message: str) -> str | None:
    """Why this failure must not be retried, or None when Airflow's retries apply."""
    code = exit_code(failure_message)
    if code == BAD_INPUT:
        return ("historylane exit 2: bad input (arguments, config or source data); a retry cannot help. "
                "Fix what the log above names, then clear this task.")
    if code == FOLLOW_UP_FAILED:
        reports = _REPORT.findall(failure_message)
        report = reports[-1] if reports else "<the report named at the end of the log above>"
        return ("historylane exit 3: the data is committed but the StarRocks refresh failed; do not rerun "
                f"this task. Run `historylane refresh --report {report}`, then clear the downstream tasks.")
    return None
