"""DAG, Param, Asset, the cron timetable, BaseOperator and the exceptions (see the package doc)."""
from __future__ import annotations

import json
import re
from datetime import timedelta

import jsonschema
from jsonschema import FormatChecker


class AirflowException(Exception):
    pass


class AirflowFailException(AirflowException):
    """Airflow fails the task at once, without using its retries."""


class ParamValidationError(AirflowException):
    pass


class _NotSet:
    def __repr__(self):
        return "NOTSET"


NOTSET = _NotSet()


class Param:
    """Airflow's Param: a default and a JSON schema (the keywords)."""

    def __init__(self, default=NOTSET, description=None, **kwargs):
        self.value = default
        self.description = description
        self.schema = kwargs

    @property
    def has_value(self):
        return self.value is not NOTSET

    def resolve(self, value=NOTSET):
        """As Airflow: the value must be JSON and valid against the schema with a FormatChecker."""
        if value is not NOTSET:
            try:
                json.dumps(value)
            except TypeError as e:
                raise ParamValidationError(f"value {value!r} is not JSON-serializable") from e
        final = self.value if value is NOTSET else value
        if final is NOTSET:
            raise ParamValidationError("No value passed and Param has no default value")
        try:
            jsonschema.validate(final, self.schema, format_checker=FormatChecker())
        except jsonschema.ValidationError as err:
            raise ParamValidationError(err) from None
        return final


class Asset:
    """An asset (Airflow 2: Dataset) named by its URI."""

    def __init__(self, name=None, uri=None, **kwargs):
        self.uri = uri or name
        self.name = name or uri
        if not self.uri:
            raise TypeError("Asset needs a name or a uri")

    def __eq__(self, other):
        return isinstance(other, Asset) and other.uri == self.uri

    def __hash__(self):
        return hash(self.uri)

    def __repr__(self):
        return f"Asset({self.uri!r})"


class CronDataIntervalTimetable:
    """Records its cron and zone; the tests give each sample run its data interval themselves."""

    def __init__(self, cron, timezone):
        self.cron = cron
        self.timezone = timezone


class _DagContext:
    current: DAG | None = None


_DAG_KEYWORDS = {
    # accepted by both Airflow 2.11 and 3 (schedule_interval, timetable, concurrency and
    # sla_miss_callback are gone in 3; retry policies and deadlines are 3.x only)
    "description", "schedule", "start_date", "end_date", "template_searchpath", "template_undefined",
    "user_defined_macros", "user_defined_filters", "default_args", "max_active_tasks", "max_active_runs",
    "max_consecutive_failed_dag_runs", "dagrun_timeout", "catchup", "on_success_callback",
    "on_failure_callback", "doc_md", "params", "access_control", "is_paused_upon_creation",
    "jinja_environment_kwargs", "render_template_as_native_obj", "tags", "owner_links", "auto_register",
    "fail_fast", "dag_display_name",
}


class DAG:
    def __init__(self, dag_id, **kwargs):
        unknown = set(kwargs) - _DAG_KEYWORDS
        if unknown:
            raise TypeError(f"DAG.__init__() got unexpected keyword arguments {sorted(unknown)}")
        if not re.fullmatch(r"[A-Za-z0-9_.-]{1,250}", dag_id):
            raise AirflowException(f"invalid dag_id {dag_id!r}")
        self.dag_id = dag_id
        self.schedule = kwargs.get("schedule")
        self.start_date = kwargs.get("start_date")
        self.catchup = kwargs.get("catchup", True)
        self.max_active_runs = kwargs.get("max_active_runs", 16)
        self.default_args = dict(kwargs.get("default_args") or {})
        self.tags = kwargs.get("tags", [])
        self.doc_md = kwargs.get("doc_md")
        self.render_template_as_native_obj = kwargs.get("render_template_as_native_obj", False)
        self.params = {k: v if isinstance(v, Param) else Param(v) for k, v in (kwargs.get("params") or {}).items()}
        self.task_dict: dict[str, BaseOperator] = {}
        self._validate_params()

    def _validate_params(self):
        required = [k for k, p in self.params.items() if not p.has_value]
        if required and self.schedule is not None:
            raise AirflowException("DAG Schedule must be None, if there are any required params without default values")
        for param in self.params.values():
            if param.has_value:
                param.resolve()

    def __enter__(self):
        _DagContext.current = self
        return self

    def __exit__(self, *exc):
        _DagContext.current = None

    @property
    def tasks(self):
        return list(self.task_dict.values())

    def add_task(self, task):
        if task.task_id in self.task_dict:
            raise AirflowException(f"Task id {task.task_id!r} has already been added to the DAG")
        self.task_dict[task.task_id] = task

    def trigger(self, conf=None):
        """The params of a new run, as Airflow resolves them: conf merged over the defaults, all validated."""
        conf = dict(conf or {})
        resolved = {k: v for k, v in conf.items() if k not in self.params}
        for key, param in self.params.items():
            resolved[key] = param.resolve(conf[key] if key in conf else NOTSET)
        return resolved


#: BaseOperator's keywords on both Airflow 2.11 and 3, with their defaults.
_BASE_OPERATOR_KEYWORDS = {
    "owner": "airflow", "email": None, "email_on_retry": True, "email_on_failure": True, "retries": 0,
    "retry_delay": timedelta(seconds=300), "retry_exponential_backoff": False, "max_retry_delay": None,
    "start_date": None, "end_date": None, "depends_on_past": False, "ignore_first_depends_on_past": True,
    "wait_for_past_depends_before_skipping": False, "wait_for_downstream": False, "dag": None, "params": None,
    "default_args": None, "priority_weight": 1, "weight_rule": "downstream", "queue": "default",
    "pool": "default_pool", "pool_slots": 1, "execution_timeout": None, "on_execute_callback": None,
    "on_failure_callback": None, "on_success_callback": None, "on_retry_callback": None,
    "on_skipped_callback": None, "pre_execute": None, "post_execute": None, "trigger_rule": "all_success",
    "resources": None, "run_as_user": None, "map_index_template": None, "max_active_tis_per_dag": None,
    "max_active_tis_per_dagrun": None, "executor": None, "executor_config": None, "do_xcom_push": True,
    "multiple_outputs": False, "inlets": None, "outlets": None, "task_group": None, "doc": None,
    "doc_md": None, "doc_json": None, "doc_yaml": None, "doc_rst": None, "task_display_name": None,
    "logger_name": None, "allow_nested_operators": True,
}


class BaseOperator:
    template_fields: tuple[str, ...] = ()

    def __init__(self, *, task_id, **kwargs):
        unknown = set(kwargs) - set(_BASE_OPERATOR_KEYWORDS)
        if unknown:
            raise TypeError(f"Invalid arguments were passed to {type(self).__name__} (task_id: {task_id}): "
                            f"{sorted(unknown)}")
        dag = kwargs.get("dag") or _DagContext.current
        defaults = {**(dag.default_args if dag else {}), **(kwargs.get("default_args") or {})}
        for name, default in _BASE_OPERATOR_KEYWORDS.items():
            setattr(self, name, kwargs[name] if name in kwargs else defaults.get(name, default))
        self.task_id = task_id
        self.outlets = list(self.outlets or [])
        self.upstream_task_ids: set[str] = set()
        self.downstream_task_ids: set[str] = set()
        self.dag = dag
        if dag is not None:
            dag.add_task(self)

    def __rshift__(self, other):
        self.downstream_task_ids.add(other.task_id)
        other.upstream_task_ids.add(self.task_id)
        return other

    def execute(self, context):
        raise NotImplementedError
