"""The golden argv files: the application_args every DAG task submits for the sample runs.

GoldenArgvTest (app module) feeds each one to the real CLI; test_golden.py compares them exactly
with what the DAGs render now. After an intended change, regenerate them and review the diff:

    cd scheduler/airflow-dags && python3 tests/golden.py
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent
DAGS_FOLDER = TESTS.parent
GOLDEN = TESTS / "golden"


def rendered() -> dict[str, str]:
    """File name -> file content, for every task of every sample run (stand-in, Airflow 3 layout)."""
    from samples import SAMPLES
    from standin.loader import installed, load_dags
    from standin.templating import render_task

    files = {}
    with installed("3"):
        dags = load_dags(DAGS_FOLDER)
        for sample in SAMPLES:
            dag = dags[sample.dag_id]
            context = sample.context(dag)
            for task in dag.tasks:
                document = {
                    "dag_id": dag.dag_id,
                    "task_id": task.task_id,
                    "run": sample.describe(),
                    "expect": sample.expect,
                    "application_args": render_task(task, context)["application_args"],
                }
                files[sample.file_name(task.task_id)] = json.dumps(document, indent=2) + "\n"
    return files


def write() -> None:
    files = rendered()
    GOLDEN.mkdir(exist_ok=True)
    for stale in GOLDEN.glob("*.json"):
        if stale.name not in files:
            stale.unlink()
    for name, content in files.items():
        (GOLDEN / name).write_text(content, encoding="utf-8")
    print(f"wrote {len(files)} golden argv files to {GOLDEN}")


if __name__ == "__main__":
    sys.path[:0] = [str(DAGS_FOLDER), str(TESTS)]
    write()
