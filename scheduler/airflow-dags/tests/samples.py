"""The fixed sample runs the golden argv files are rendered for."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from standin.templating import run_context

#: The Airflow Variables of the sample deployment: the prod overlay, the config at
#: conf/historylane.yaml relative to the job's working directory.
VARIABLES = {
    "historylane_jar": "/opt/historylane/historylane-app-0.1.0-SNAPSHOT-spark.jar",
    "historylane_conf": "conf/historylane.yaml",
    "historylane_env": "prod",
}

#: What the CLI does with an argv before Spark starts (GoldenArgvTest checks it).
HANDOVER = "handover"  # valid: hand over to Spark
BAD_INPUT = "bad-input"  # rejected with exit 2


def _utc(*fields):
    return datetime(*fields, tzinfo=timezone.utc)


@dataclass(frozen=True)
class Sample:
    dag_id: str
    run_id: str
    data_interval: tuple[datetime, datetime] | None = None
    conf: dict | None = None
    variant: str = ""
    expect: str = HANDOVER

    def context(self, dag) -> dict:
        return run_context(dag, run_id=self.run_id, variables=VARIABLES, data_interval=self.data_interval,
                           conf=self.conf)

    def file_name(self, task_id: str) -> str:
        return f"{self.dag_id}__{task_id}{'__' + self.variant if self.variant else ''}.json"

    def describe(self) -> dict:
        interval = [t.isoformat() for t in self.data_interval] if self.data_interval else None
        return {"run_id": self.run_id, "data_interval": interval, "conf": self.conf}


_DAY = (_utc(2025, 1, 5, 2), _utc(2025, 1, 6, 2))

SAMPLES = (
    Sample("historylane_daily_facts", "scheduled__2025-01-05T02:00:00+00:00", data_interval=_DAY),
    Sample("historylane_daily_dims", "scheduled__2025-01-05T02:00:00+00:00", data_interval=_DAY),
    # no data interval: maintenance must not depend on one (Airflow 3 cron runs have an empty one)
    Sample("historylane_weekly_maintenance", "scheduled__2025-01-12T03:00:00+00:00"),
    Sample("historylane_monthly_snapshot", "scheduled__2025-01-01T06:00:00+00:00",
           data_interval=(_utc(2025, 1, 1, 6), _utc(2025, 2, 1, 6))),
    # a manual run in Airflow 3 may have no logical date or data interval: the repair reads params
    Sample("historylane_repair", "manual__2025-02-03T10:15:00+00:00",
           conf={"from": "2025-01-01", "to": "2025-02-01", "tables": "sales,dim_*"}),
    # valid dates, so Airflow accepts the trigger; the range is empty, which only the CLI can tell
    Sample("historylane_repair", "manual__2025-02-03T10:20:00+00:00",
           conf={"from": "2025-02-01", "to": "2025-01-01", "tables": "sales"},
           variant="from_after_to", expect=BAD_INPUT),
)
