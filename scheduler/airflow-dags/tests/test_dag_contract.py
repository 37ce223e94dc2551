"""Contract tests against the stand-in: what each DAG is and what its tasks would submit."""
from datetime import timedelta

from historylane_dags import argv, tables
from standin.airflow import Asset, CronDataIntervalTimetable

EXPECTED_DAGS = {
    "historylane_daily_facts", "historylane_daily_dims", "historylane_repair",
    "historylane_weekly_maintenance", "historylane_monthly_snapshot",
}


def test_the_dag_folder_defines_the_five_dags(dags):
    assert set(dags) == EXPECTED_DAGS


def test_every_dag_runs_one_at_a_time_without_catchup(dags):
    for dag in dags.values():
        assert dag.max_active_runs == 1, dag.dag_id
        assert dag.catchup is False, dag.dag_id


def test_every_task_submits_the_historylane_jar_in_client_mode_through_the_connection(dags):
    for dag in dags.values():
        for task in dag.tasks:
            assert type(task).__name__ == "HistorylaneSubmitOperator"
            assert task.application == "{{ var.value.historylane_jar }}"
            assert task._java_class == "io.historylane.app.Main"
            assert task._conn_id == "historylane_spark"
            assert task._deploy_mode == "client"
            # credentials reach the driver from the worker's environment, never from the DAG
            assert task.env_vars is None and task.conf is None


def test_every_task_is_pooled_retried_and_bounded_in_time(dags):
    for dag in dags.values():
        for task in dag.tasks:
            assert task.pool == "historylane_spark"
            assert (task.retries, task.retry_delay) == (2, timedelta(minutes=15))
            assert timedelta(minutes=30) <= task.execution_timeout <= timedelta(hours=12), task.task_id


def test_application_args_are_strings_with_the_global_options_first(dags):
    for dag in dags.values():
        for task in dag.tasks:
            args = task.application_args
            assert all(isinstance(a, str) for a in args), task.task_id
            assert args[:4] == ["--conf", "{{ var.value.historylane_conf }}", "--env", "{{ var.value.historylane_env }}"]


def test_a_daily_dag_per_family_works_on_its_data_interval(dags):
    for family in tables.DAILY_FAMILIES:
        dag = dags[f"historylane_daily_{family.name}"]
        assert isinstance(dag.schedule, CronDataIntervalTimetable)
        assert (dag.schedule.cron, dag.schedule.timezone) == ("0 2 * * *", tables.TIMEZONE)
        assert {t.task_id for t in dag.tasks} == {f"{step}_{table}" for table in family.tables
                                                  for step in ("backfill", "compact")}
        for table in family.tables:
            backfill = dag.task_dict[f"backfill_{table}"]
            assert backfill.application_args[4:7] == ["backfill", family.name, "--table"]
            assert argv.INTERVAL_START in backfill.application_args
            assert argv.INTERVAL_END in backfill.application_args
            # compaction follows the rebuild of the same table and range
            assert backfill.downstream_task_ids == {f"compact_{table}"}
            compact = dag.task_dict[f"compact_{table}"]
            assert compact.application_args[-4:] == ["--from", argv.INTERVAL_START, "--to", argv.INTERVAL_END]


def test_backfills_publish_their_table_as_an_asset_and_nothing_else_does(dags):
    for dag in dags.values():
        for task in dag.tasks:
            if task.task_id.startswith("backfill_"):
                table = task.task_id.removeprefix("backfill_")
                assert task.outlets == [Asset(f"iceberg://lake/history/{table}")]
            else:
                # compaction changes layout only, and a repair's tables are known at run time only
                assert task.outlets == [], task.task_id


def test_weekly_maintenance_compacts_then_expires_then_sweeps_every_table(dags):
    dag = dags["historylane_weekly_maintenance"]
    compact, expire, sweep = (dag.task_dict[t] for t in ("compact", "expire_snapshots", "sweep_orphans"))
    assert compact.downstream_task_ids == {"expire_snapshots"}
    assert expire.downstream_task_ids == {"sweep_orphans"}
    for task in (compact, expire, sweep):
        assert task.application_args[task.application_args.index("--tables") + 1] == ",".join(tables.ALL_TABLES)
    assert expire.application_args[4:6] == ["hygiene", "expire"]
    assert sweep.application_args[4:6] == ["hygiene", "orphans"]


def test_the_monthly_cut_is_scheduled_after_the_last_daily_run_of_the_month(dags):
    dag = dags["historylane_monthly_snapshot"]
    assert isinstance(dag.schedule, CronDataIntervalTimetable)
    assert (dag.schedule.cron, dag.schedule.timezone) == ("0 6 1 * *", tables.TIMEZONE)
    assert [t.task_id for t in dag.tasks] == ["cut"]


def test_the_repair_dag_runs_only_when_triggered(dags):
    dag = dags["historylane_repair"]
    assert dag.schedule is None
    assert set(dag.params) == {"from", "to", "tables", "dry_run"}
    assert [t.task_id for t in dag.tasks] == ["repair"]
