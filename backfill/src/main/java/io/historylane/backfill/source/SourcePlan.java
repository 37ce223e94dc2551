package io.historylane.backfill.source;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * The inputs a read will use, known before reading: archive files (path, size, modification time)
 * or a Paimon snapshot. Its fingerprint changes when any input changes, which is how a rerun knows
 * that a chunk committed earlier was built from the same history.
 */
public record SourcePlan(String source, List<SourceInput> inputs) {
  /** One input: a file, or a Paimon table at a snapshot ({@code size} = snapshot id). */
  public record SourceInput(String location, long size, long modified) {}

  public SourcePlan {
    inputs = inputs.stream().sorted(Comparator.comparing(SourceInput::location)).toList();
  }

  public int files() {
    return inputs.size();
  }

  public long bytes() {
    return inputs.stream().mapToLong(SourceInput::size).sum();
  }

  /** SHA-256 over the source and every input, plus anything else that shapes the result ({@code salt}). */
  public String fingerprint(String salt) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update((source + "\n" + salt + "\n").getBytes(StandardCharsets.UTF_8));
      for (SourceInput i : inputs) {
        digest.update((i.location() + "|" + i.size() + "|" + i.modified() + "\n").getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(digest.digest()).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
