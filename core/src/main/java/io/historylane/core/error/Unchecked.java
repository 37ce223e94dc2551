package io.historylane.core.error;

/**
 * Spark's Scala code throws checked exceptions (SparkException) that Java does not see declared, so
 * a {@code catch (RuntimeException)} around a Spark action misses them. Catch {@code Exception} and
 * rethrow what is not handled with {@link #rethrow}, unchanged.
 */
public final class Unchecked {
  private Unchecked() {}

  /** Rethrows {@code e} as it is; declared to return so callers can write {@code throw rethrow(e)}. */
  public static RuntimeException rethrow(Throwable e) {
    Unchecked.<RuntimeException>sneaky(e);
    return new IllegalStateException("unreachable", e);
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> void sneaky(Throwable e) throws E {
    throw (E) e;
  }
}
