package io.historylane.starrocks;

/** A statement StarRocks did not carry out, with the classified error. */
public final class StarRocksException extends RuntimeException {
  private final transient StarRocksError error;

  StarRocksException(StarRocksError error, Throwable cause) {
    super(error.message(), cause);
    this.error = error;
  }

  public StarRocksError error() {
    return error;
  }
}
