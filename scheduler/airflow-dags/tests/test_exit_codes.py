"""Exit codes read from SparkSubmitHook's failure text: the contract in README "Exit codes"."""
from historylane_dags import exit_codes

# The hook's message, from providers/apache/spark/hooks/spark_submit.py: older versions stop after
# the exit code, newer ones append the last lines of spark-submit's output.
OLD = "Cannot execute: spark-submit --master yarn --name x --class io.historylane.app.Main app.jar {}. Error code is: {}."
NEW = OLD + "\nLast spark-submit output:\n{}"


def test_the_exit_code_is_read_from_old_and_new_hook_messages():
    assert exit_codes.exit_code(OLD.format("repair --tables sales", 2)) == 2
    assert exit_codes.exit_code(NEW.format("compact --tables sales", 3, "compact: follow up failed (exit 3)")) == 3


def test_a_failure_without_an_exit_code_is_not_classified():
    assert exit_codes.exit_code("YARN application application_1_2 ended with state: KILLED") is None
    assert exit_codes.no_retry_reason("Task received SIGTERM") is None


def test_exit_1_is_left_to_airflows_retries():
    assert exit_codes.no_retry_reason(OLD.format("backfill facts --table sales", 1)) is None


def test_exit_2_is_not_retried():
    reason = exit_codes.no_retry_reason(OLD.format("repair --from 2025-02-01 --to 2025-01-01", 2))
    assert reason.startswith("historylane exit 2: bad input")


def test_exit_3_names_the_refresh_to_run_with_the_report_from_the_output():
    output = "backfill facts: follow up failed (exit 3); report: reports/20250106T020312Z-backfill-facts-1a2b3c.json"
    reason = exit_codes.no_retry_reason(NEW.format("backfill facts --table sales", 3, output))
    assert "historylane refresh --report reports/20250106T020312Z-backfill-facts-1a2b3c.json" in reason
    assert "do not rerun" in reason


def test_exit_3_without_the_report_in_the_message_points_at_the_log():
    reason = exit_codes.no_retry_reason(OLD.format("backfill facts --table sales", 3))
    assert "historylane refresh --report <the report named at the end of the log above>" in reason
