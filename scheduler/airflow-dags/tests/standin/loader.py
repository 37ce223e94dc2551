"""Putting the stand-in where `import airflow...` finds it, and loading DAG files as a DagBag does."""
from __future__ import annotations

import contextlib
import importlib.util
import sys
import types
from pathlib import Path

from standin import airflow as core
from standin import spark_submit

#: Import layouts: "3" is airflow.sdk (Airflow 3), "2" the older module paths (Airflow 2.11).
LAYOUTS = ("3", "2")


def _modules(layout: str) -> dict[str, dict]:
    shared = {
        "airflow.exceptions": {"AirflowException": core.AirflowException,
                               "AirflowFailException": core.AirflowFailException},
        "airflow.providers": {}, "airflow.providers.apache": {}, "airflow.providers.apache.spark": {},
        "airflow.providers.apache.spark.operators": {},
        "airflow.providers.apache.spark.operators.spark_submit": {"SparkSubmitOperator": spark_submit.SparkSubmitOperator},
        "airflow.timetables": {},
        "airflow.timetables.interval": {"CronDataIntervalTimetable": core.CronDataIntervalTimetable},
    }
    if layout == "3":
        return {"airflow": {}, "airflow.sdk": {"DAG": core.DAG, "Param": core.Param, "Asset": core.Asset}, **shared}
    return {"airflow": {"DAG": core.DAG}, "airflow.models": {}, "airflow.models.param": {"Param": core.Param},
            "airflow.datasets": {"Dataset": core.Asset}, **shared}


@contextlib.contextmanager
def installed(layout: str = "3"):
    """The stand-in as the `airflow` package (and no real Airflow) until the block ends."""
    saved = {name: module for name, module in sys.modules.items()
             if name == "airflow" or name.startswith(("airflow.", "historylane_dags"))}
    for name in saved:
        del sys.modules[name]
    try:
        for name, attributes in _modules(layout).items():
            module = types.ModuleType(name)
            module.__path__ = []  # a package, so submodules can be imported from it
            module.__dict__.update(attributes)
            sys.modules[name] = module
        yield
    finally:
        for name in [n for n in sys.modules if n == "airflow" or n.startswith(("airflow.", "historylane_dags"))]:
            del sys.modules[name]
        sys.modules.update(saved)


def load_dags(dags_folder: Path) -> dict:
    """Every DAG at module level in the folder's DAG files (not in .airflowignore'd folders), by id."""
    dags = {}
    for path in sorted(dags_folder.glob("*.py")):
        spec = importlib.util.spec_from_file_location(f"standin_dagfile_{path.stem}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        for value in vars(module).values():
            if isinstance(value, core.DAG):
                if value.dag_id in dags and dags[value.dag_id] is not value:
                    raise core.AirflowException(f"DAG id {value.dag_id} is defined twice")
                dags[value.dag_id] = value
    return dags
