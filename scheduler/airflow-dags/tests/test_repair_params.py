"""A manual repair's params, validated the way Airflow validates them when a run is triggered:
a malformed date never reaches a task, let alone Spark."""
import pytest
from samples import VARIABLES
from standin.airflow import ParamValidationError
from standin.templating import render_task, run_context

GOOD = {"from": "2025-01-01", "to": "2025-02-01", "tables": "sales"}


def rendered_args(dag, conf):
    context = run_context(dag, run_id="manual__2025-02-03T10:15:00+00:00", variables=VARIABLES, conf=conf)
    return render_task(dag.task_dict["repair"], context)["application_args"]


def test_a_valid_trigger_renders_the_repair_with_dry_run_off_by_default(dags):
    args = rendered_args(dags["historylane_repair"], GOOD)
    assert args[4:] == ["repair", "--tables", "sales", "--from", "2025-01-01", "--to", "2025-02-01",
                        "--repair-id", "manual__2025-02-03T101500_0000", "--dry-run=false"]


def test_dry_run_true_is_one_argument_the_cli_reads(dags):
    assert rendered_args(dags["historylane_repair"], {**GOOD, "dry_run": True})[-1] == "--dry-run=true"


@pytest.mark.parametrize("bad_date", ["2025-02-30", "20250101", "2025-1-5", "2025-01-01T00:00:00", "", "yesterday"])
@pytest.mark.parametrize("param", ["from", "to"])
def test_a_malformed_date_is_rejected_at_trigger(dags, param, bad_date):
    with pytest.raises(ParamValidationError, match="is not a 'date'"):
        dags["historylane_repair"].trigger({**GOOD, param: bad_date})


@pytest.mark.parametrize("missing", ["from", "to", "tables"])
def test_the_range_and_the_tables_are_required(dags, missing):
    conf = {k: v for k, v in GOOD.items() if k != missing}
    with pytest.raises(ParamValidationError, match="No value passed"):
        dags["historylane_repair"].trigger(conf)


@pytest.mark.parametrize("tables", ["sales dim_employee", "sales;rm -rf /", "sales,", "--dry-run", ""])
def test_tables_must_be_comma_separated_names_or_globs(dags, tables):
    with pytest.raises(ParamValidationError):
        dags["historylane_repair"].trigger({**GOOD, "tables": tables})


def test_globs_are_accepted(dags):
    assert dags["historylane_repair"].trigger({**GOOD, "tables": "sales,dim_*"})["tables"] == "sales,dim_*"


def test_dry_run_must_be_a_boolean(dags):
    with pytest.raises(ParamValidationError):
        dags["historylane_repair"].trigger({**GOOD, "dry_run": "yes"})
