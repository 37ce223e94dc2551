"""The golden argv files hold exactly what the DAGs submit for the sample runs; GoldenArgvTest
(app module) feeds the same files to the real CLI, so both sides hold one contract."""
import json

import golden
from samples import BAD_INPUT, HANDOVER

REGENERATE = "regenerate with `cd scheduler/airflow-dags && python3 tests/golden.py` and review the diff"


def test_every_golden_file_equals_what_the_dags_render_now(dags3):
    expected = golden.rendered()
    on_disk = {p.name: p.read_text(encoding="utf-8") for p in golden.GOLDEN.glob("*.json")}
    assert sorted(on_disk) == sorted(expected), REGENERATE
    for name, content in expected.items():
        assert on_disk[name] == content, f"{name} differs: {REGENERATE}"


def test_there_is_a_golden_file_per_task_and_one_the_cli_must_reject(dags3):
    documents = [json.loads(p.read_text(encoding="utf-8")) for p in golden.GOLDEN.glob("*.json")]
    tasks = {(d.dag_id, t.task_id) for d in dags3.values() for t in d.tasks}
    assert {(d["dag_id"], d["task_id"]) for d in documents} == tasks
    assert {d["expect"] for d in documents} == {HANDOVER, BAD_INPUT}


def test_the_daily_sample_backfills_the_day_before_the_run():
    document = json.loads((golden.GOLDEN / "historylane_daily_facts__backfill_sales.json").read_text(encoding="utf-8"))
    assert document["application_args"] == [
        "--conf", "conf/historylane.yaml", "--env", "prod",
        "backfill", "facts", "--table", "sales", "--from", "2025-01-05", "--to", "2025-01-06"]


def test_the_monthly_sample_cuts_january_as_of_the_run():
    document = json.loads((golden.GOLDEN / "historylane_monthly_snapshot__cut.json").read_text(encoding="utf-8"))
    args = document["application_args"]
    assert args[args.index("--name") + 1] == "eom-2025-01"
    assert args[args.index("--as-of") + 1] == "2025-02-01T06:00:00+00:00"
