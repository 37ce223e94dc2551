"""SparkSubmitOperator with the real constructor signature and template_fields, and the part of
SparkSubmitHook that turns an operator into a spark-submit process (argv, exit code, exception).

Copied from apache-airflow-providers-apache-spark at apache/airflow 015d5de (operators/
spark_submit.py, hooks/spark_submit.py); Airflow config lookups are replaced by their defaults.
"""
from __future__ import annotations

import subprocess
from collections import deque

from standin.airflow import AirflowException, BaseOperator

#: The stand-in's Airflow connections: conn_id -> {"master": ..., "extra": {...}}.
CONNECTIONS: dict[str, dict] = {}


class SparkSubmitOperator(BaseOperator):
    template_fields = (
        "application",
        "conf",
        "files",
        "py_files",
        "jars",
        "driver_class_path",
        "packages",
        "exclude_packages",
        "keytab",
        "principal",
        "proxy_user",
        "name",
        "application_args",
        "env_vars",
        "post_submit_commands",
        "properties_file",
    )

    def __init__(
        self,
        *,
        application: str = "",
        conf: dict | None = None,
        conn_id: str = "spark_default",
        files: str | None = None,
        py_files: str | None = None,
        archives: str | None = None,
        driver_class_path: str | None = None,
        jars: str | None = None,
        java_class: str | None = None,
        packages: str | None = None,
        exclude_packages: str | None = None,
        repositories: str | None = None,
        total_executor_cores: int | None = None,
        executor_cores: int | None = None,
        executor_memory: str | None = None,
        driver_memory: str | None = None,
        keytab: str | None = None,
        principal: str | None = None,
        proxy_user: str | None = None,
        name: str = "arrow-spark",
        num_executors: int | None = None,
        status_poll_interval: int = 1,
        application_args: list | None = None,
        env_vars: dict | None = None,
        verbose: bool = False,
        spark_binary: str | None = None,
        properties_file: str | None = None,
        yarn_queue: str | None = None,
        deploy_mode: str | None = None,
        use_krb5ccache: bool = False,
        post_submit_commands: list[str] | None = None,
        track_driver_via_k8s_api: bool = False,
        yarn_track_via_rm_api: bool = False,
        yarn_rm_auth=None,
        openlineage_inject_parent_job_info: bool = False,
        openlineage_inject_transport_info: bool = False,
        reconnect_on_retry: bool | None = None,
        durable: bool | None = None,
        **kwargs,
    ) -> None:
        super().__init__(**kwargs)
        self.application = application
        self.conf = conf
        self.files = files
        self.py_files = py_files
        self._archives = archives
        self.driver_class_path = driver_class_path
        self.jars = jars
        self._java_class = java_class
        self.packages = packages
        self.exclude_packages = exclude_packages
        self.keytab = keytab
        self.principal = principal
        self.proxy_user = proxy_user
        self.name = name
        self.application_args = application_args
        self.env_vars = env_vars
        self._spark_binary = spark_binary
        self.properties_file = properties_file
        self._deploy_mode = deploy_mode
        self.post_submit_commands = post_submit_commands
        self._conn_id = conn_id
        self.durable = durable

    def execute(self, context):
        SparkSubmitHook(self).submit(self.application)


class SparkSubmitHook:
    """spark-submit as the real hook runs it: an argv list, no shell, output merged, exit code checked."""

    def __init__(self, operator: SparkSubmitOperator):
        self._operator = operator
        connection = CONNECTIONS.get(operator._conn_id, {"master": "yarn", "extra": {}})
        extra = connection.get("extra", {})
        self._master = connection["master"]
        self._deploy_mode = operator._deploy_mode or extra.get("deploy-mode")
        self._binary = operator._spark_binary or extra.get("spark-binary", "spark-submit")
        self._last_lines: deque[str] = deque(maxlen=20)

    def build_command(self, application: str) -> list[str]:
        op = self._operator
        cmd = [self._binary, "--master", self._master]
        for key, value in (op.conf or {}).items():
            cmd += ["--conf", f"{key}={value}"]
        if op.name:
            cmd += ["--name", op.name]
        if op._java_class:
            cmd += ["--class", op._java_class]
        if self._deploy_mode:
            cmd += ["--deploy-mode", self._deploy_mode]
        return cmd + [application] + list(op.application_args or [])

    def submit(self, application: str = "") -> None:
        cmd = self.build_command(application)
        env = None
        if self._operator.env_vars:
            raise AirflowException("the stand-in does not model env_vars; the DAGs set none")
        process = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        for line in process.stdout:
            self._last_lines.append(line.strip())
        returncode = process.wait()
        if returncode:
            tail = "\nLast spark-submit output:\n" + "\n".join(self._last_lines) if self._last_lines else ""
            raise AirflowException(f"Cannot execute: {' '.join(cmd)}. Error code is: {returncode}.{tail}")
