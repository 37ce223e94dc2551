"""The table families the DAGs schedule are the tables conf/historylane.yaml registers."""
import yaml
from conftest import REPO_ROOT
from historylane_dags import tables

CONFIG = yaml.safe_load((REPO_ROOT / "conf" / "historylane.yaml").read_text(encoding="utf-8"))
KIND_OF_FAMILY = {"facts": "fact", "dims": "scd2"}


def test_every_registered_table_is_scheduled_once():
    assert sorted(tables.ALL_TABLES) == sorted(CONFIG["tables"])
    assert len(set(tables.ALL_TABLES)) == len(tables.ALL_TABLES)


def test_each_family_holds_the_tables_of_its_kind():
    for family in tables.DAILY_FAMILIES:
        kinds = {CONFIG["tables"][t]["kind"] for t in family.tables}
        assert kinds == {KIND_OF_FAMILY[family.name]}, family.name
    assert {CONFIG["tables"][t]["kind"] for t in tables.CDC_TABLES} == {"table"}


def test_asset_uris_name_the_configured_iceberg_tables():
    assert CONFIG["catalogs"]["iceberg"]["name"] == tables.ICEBERG_CATALOG
    for family in tables.DAILY_FAMILIES:
        for table in family.tables:
            namespace, name = CONFIG["tables"][table]["iceberg"].split(".")
            assert tables.asset_uri(table) == f"iceberg://{tables.ICEBERG_CATALOG}/{namespace}/{name}"


def test_the_schedules_are_in_the_configured_time_zone():
    assert CONFIG["timezone"] == tables.TIMEZONE
