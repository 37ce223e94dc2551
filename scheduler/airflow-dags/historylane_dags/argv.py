"""The historylane command lines the DAGs submit, as Jinja templates that Airflow renders.

SparkSubmitOperator appends application_args verbatim to spark-submit's argv (no shell), so every
element is one string. Global options (--conf, --env) go before the command, as the CLI requires.
Where the jar and the config are, and which environment overlay applies, are Airflow Variables;
credentials never appear here: the job reads them from its environment or from mounted files.
"""
from __future__ import annotations

from collections.abc import Sequence

from historylane_dags.tables import Family

#: SparkSubmitOperator's java_class is not a templated field, so the main class is a constant
#: (it is a property of the application jar, not of a deployment).
MAIN_CLASS = "io.historylane.app.Main"

APPLICATION = "{{ var.value.historylane_jar }}"

#: A scheduled run's data interval as CLI dates; the end is exclusive, like the CLI's --to.
INTERVAL_START = "{{ data_interval_start | ds }}"
INTERVAL_END = "{{ data_interval_end | ds }}"

#: A monthly run covers the month its interval starts in; the cut is taken as of the interval's end.
MONTH_OF_INTERVAL = "{{ data_interval_start.strftime('%Y-%m') }}"
INTERVAL_END_TIMESTAMP = "{{ data_interval_end | ts }}"

#: Names a repair after its Airflow run, so a retry of the run resumes it; the run id's ':' and
#: '+' are dropped or replaced to keep the id safe in file names.
REPAIR_ID = "{{ run_id | replace(':', '') | replace('+', '_') }}"


def _historylane(*command: str) -> list[str]:
    return ["--conf", "{{ var.value.historylane_conf }}", "--env", "{{ var.value.historylane_env }}", *command]


def _tables(tables: Sequence[str]) -> list[str]:
    return ["--tables", ",".join(tables)]


def backfill(family: Family, table: str) -> list[str]:
    """Rebuilds the run's data interval of one table (`backfill facts` or `backfill dims`)."""
    return _historylane("backfill", family.name, "--table", table,
                        "--from", INTERVAL_START, "--to", INTERVAL_END)


def compact_interval(tables: Sequence[str]) -> list[str]:
    """Compacts the partitions of the run's data interval: what the backfill before it touched."""
    return _historylane("compact", *_tables(tables), "--from", INTERVAL_START, "--to", INTERVAL_END)


def compact_all(tables: Sequence[str]) -> list[str]:
    return _historylane("compact", *_tables(tables))


def expire_snapshots(tables: Sequence[str]) -> list[str]:
    return _historylane("hygiene", "expire", *_tables(tables))


def sweep_orphans(tables: Sequence[str]) -> list[str]:
    """Moves unreferenced files into quarantine (restorable); the minimum age is each table's policy."""
    return _historylane("hygiene", "orphans", *_tables(tables))


def month_end_cut(tables: Sequence[str]) -> list[str]:
    return _historylane("snapshot", "cut", *_tables(tables), "--name", "eom-" + MONTH_OF_INTERVAL,
                        "--as-of", INTERVAL_END_TIMESTAMP)


def repair() -> list[str]:
    """The manual repair: everything comes from the run's params (validated by Airflow first)."""
    return _historylane("repair", "--tables", "{{ params.tables }}",
                        "--from", "{{ params['from'] }}", "--to", "{{ params.to }}",
                        "--repair-id", REPAIR_ID,
                        # one element either way: picocli reads --dry-run=true|false
                        "--dry-run={{ 'true' if params.dry_run else 'false' }}")
