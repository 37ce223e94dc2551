package io.historylane.core.error;

/**
 * The input is wrong: an argument, the configuration, or the source data (a corrupt file, a null
 * key, schema drift). Retrying will not help; fixing the named input will. Exit code 2.
 */
public class BadInputException extends HistorylaneException {
  public BadInputException(String message) {
    super(message, null);
  }

  public BadInputException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public ExitCode exitCode() {
    return ExitCode.BAD_INPUT;
  }
}
