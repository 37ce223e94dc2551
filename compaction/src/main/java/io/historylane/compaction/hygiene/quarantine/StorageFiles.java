package io.historylane.compaction.hygiene.quarantine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Files on the lake's storage through Hadoop FileSystem: S3A for {@code s3a://} and {@code s3://}
 * (core maps both to S3A, so one object read under either scheme is the same object), the local
 * filesystem for {@code file:}. Object stores cannot rename, so a move is a copy, a check, a delete.
 */
public final class StorageFiles {
  /** A copy's size and SHA-256, both of the bytes that reached the target. */
  public record Copied(long size, String sha256) {}

  private final Configuration conf;

  public StorageFiles(Configuration conf) {
    this.conf = conf;
  }

  private FileSystem fs(Path path) throws IOException {
    return path.getFileSystem(conf);
  }

  public boolean exists(String path) {
    try {
      Path p = new Path(path);
      return fs(p).exists(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check " + path, e);
    }
  }

  public FileStatus status(String path) {
    try {
      Path p = new Path(path);
      return fs(p).getFileStatus(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the status of " + path, e);
    }
  }

  /** What a listing does with a folder that exists. */
  @FunctionalInterface
  private interface Listing {
    void list(FileSystem fs, Path dir, List<FileStatus> into) throws IOException;
  }

  private List<FileStatus> list(String dir, Listing listing) {
    List<FileStatus> out = new ArrayList<>();
    try {
      Path p = new Path(dir);
      FileSystem fs = fs(p);
      if (fs.exists(p)) {
        listing.list(fs, p, out);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  /** Every file under {@code dir}, recursively; none when it does not exist. */
  public List<FileStatus> files(String dir) {
    return list(dir, (fs, p, into) -> {
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(p, true);
      while (it.hasNext()) {
        into.add(it.next());
      }
    });
  }

  /** The direct sub-folders of {@code dir}; none when it does not exist. */
  public List<FileStatus> folders(String dir) {
    return list(dir, (fs, p, into) -> {
      for (FileStatus s : fs.listStatus(p)) {
        if (s.isDirectory()) {
          into.add(s);
        }
      }
    });
  }

  /** Copies {@code from} to {@code to} (never over an existing file), hashing what was written. */
  public Copied copy(String from, String to) {
    Path source = new Path(from);
    Path target = new Path(to);
    try (InputStream in = fs(source).open(source);
        OutputStream out = fs(target).create(target, false)) {
      DigestInputStream digesting = new DigestInputStream(in, sha256());
      long size = digesting.transferTo(out);
      out.close();
      long written = fs(target).getFileStatus(target).getLen();
      if (written != size) {
        throw new IOException("wrote " + written + " of " + size + " bytes");
      }
      return new Copied(size, HexFormat.of().formatHex(digesting.getMessageDigest().digest()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + from + " to " + to, e);
    }
  }

  public String sha256Of(String path) {
    Path p = new Path(path);
    try (InputStream in = new DigestInputStream(fs(p).open(p), sha256())) {
      DigestInputStream digesting = (DigestInputStream) in;
      digesting.transferTo(OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(digesting.getMessageDigest().digest());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  public void delete(String path, boolean recursive) {
    try {
      Path p = new Path(path);
      fs(p).delete(p, recursive);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + path, e);
    }
  }

  public void writeString(String path, String text) {
    Path p = new Path(path);
    try (OutputStream out = fs(p).create(p, true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path, e);
    }
  }

  public String readString(String path) {
    Path p = new Path(path);
    try (InputStream in = fs(p).open(p)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
