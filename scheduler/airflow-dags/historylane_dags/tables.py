"""The table families the DAGs schedule, as registered in conf/historylane.yaml.

tests/test_tables_match_config.py keeps this file and the config equal: a table added to the
config without a schedule here fails the tests.
"""
from __future__ import annotations

from dataclasses import dataclass

#: The zone of the schedules; it must be the config's `timezone`, because the DAGs pass
#: `data_interval_start | ds` (a UTC date) where the CLI expects a date in that zone.
TIMEZONE = "UTC"

#: catalogs.iceberg.name and the namespace every backfilled table lives in (tables.*.iceberg).
ICEBERG_CATALOG = "lake"
ICEBERG_NAMESPACE = "history"


@dataclass(frozen=True)
class Family:
    """Tables rebuilt together by one daily DAG with one `backfill` subcommand, the family's name."""

    name: str
    tables: tuple[str, ...]


FACTS = Family("facts", ("sales", "appointments"))
DIMENSIONS = Family("dims", ("dim_employee", "dim_service", "dim_provider", "dim_customer"))
DAILY_FAMILIES = (FACTS, DIMENSIONS)

#: Paimon CDC tables written by Flink: compacted, expired, swept and cut, never backfilled.
CDC_TABLES = ("cdc_sales", "cdc_appointments")

ALL_TABLES = FACTS.tables + DIMENSIONS.tables + CDC_TABLES


def asset_uri(table: str) -> str:
    """The Airflow asset (dataset) of a backfilled Iceberg table, e.g. iceberg://lake/history/sales."""
    return f"iceberg://{ICEBERG_CATALOG}/{ICEBERG_NAMESPACE}/{table}"
