package io.historylane.compaction.iceberg;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.iceberg.StructLike;

/**
 * A partition's values in Iceberg's internal representation (a day as its epoch-day int, a
 * bucket as its number), copied out of the reader's reused structures so it can key a map.
 */
record PartitionKey(List<Object> values) implements StructLike {
  static PartitionKey of(StructLike partition) {
    List<Object> values = new ArrayList<>(partition.size());
    for (int i = 0; i < partition.size(); i++) {
      Object v = partition.get(i, Object.class);
      if (v instanceof CharSequence text) {
        v = text.toString();
      } else if (v instanceof ByteBuffer bytes) {
        v = bytes.duplicate();
      }
      values.add(v);
    }
    return new PartitionKey(Collections.unmodifiableList(values));
  }

  @Override
  public int size() {
    return values.size();
  }

  @Override
  public <T> T get(int pos, Class<T> javaClass) {
    return javaClass.cast(values.get(pos));
  }

  @Override
  public <T> void set(int pos, T value) {
    throw new UnsupportedOperationException("a partition key is immutable");
  }
}
