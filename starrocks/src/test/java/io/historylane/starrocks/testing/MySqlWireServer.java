package io.historylane.starrocks.testing;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A server on 127.0.0.1 that speaks the MySQL client/server protocol on plain JDK sockets, as far
 * as mysql-connector-j needs: handshake v10 offering mysql_native_password, the auth switch for a
 * client that answers with another plugin (caching_sha2_password), COM_QUERY answered with OK, ERR
 * or a text result set, COM_PING, COM_QUIT. What a query gets is decided by the {@link Reply}
 * function given; every query received is recorded in order.
 */
public final class MySqlWireServer implements AutoCloseable {
  private static final int CLIENT_PROTOCOL_41 = 0x200;
  private static final int CLIENT_CONNECT_WITH_DB = 0x8;
  private static final int CLIENT_SECURE_CONNECTION = 0x8000;
  private static final int CLIENT_PLUGIN_AUTH = 0x80000;
  private static final int CLIENT_CONNECT_ATTRS = 0x100000;
  private static final int CLIENT_PLUGIN_AUTH_LENENC_DATA = 0x200000;
  private static final int CAPABILITIES = 0x1 | 0x4 | CLIENT_CONNECT_WITH_DB | CLIENT_PROTOCOL_41 | 0x2000
      | CLIENT_SECURE_CONNECTION | 0x20000 | CLIENT_PLUGIN_AUTH | CLIENT_CONNECT_ATTRS | CLIENT_PLUGIN_AUTH_LENENC_DATA;
  private static final String NATIVE = "mysql_native_password";
  private static final int UTF8 = 33;

  /** What the server answers to one query. */
  public sealed interface Reply {}

  public record Ok() implements Reply {}

  public record Error(int code, String sqlState, String message) implements Reply {}

  /** A text result set; a null value is SQL NULL. */
  public record Rows(List<String> columns, List<List<String>> rows) implements Reply {}

  /** Closes the connection without answering, as a crashed FE or a cut network does. */
  public record Drop() implements Reply {}

  /** Answers {@code then} after {@code millis}, as a slow FE does. */
  public record Delayed(long millis, Reply then) implements Reply {}

  private final ServerSocket socket;
  private final String user;
  private final String password;
  private final Function<String, Reply> replies;
  private final List<String> received = new CopyOnWriteArrayList<>();
  private final List<Socket> clients = new CopyOnWriteArrayList<>();
  private final AtomicInteger logins = new AtomicInteger();
  private final AtomicInteger loginAttempts = new AtomicInteger();
  private final AtomicInteger authSwitches = new AtomicInteger();
  private final AtomicInteger connectionIds = new AtomicInteger();
  private final SecureRandom random = new SecureRandom();

  public MySqlWireServer(String user, String password, Function<String, Reply> replies) throws IOException {
    this.user = user;
    this.password = password;
    this.replies = replies;
    this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "mysql-wire-server-" + socket.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return socket.getLocalPort();
  }

  public String url() {
    return "jdbc:mysql://127.0.0.1:" + port() + "/";
  }

  /** Every query received, in order, start-up chatter of the driver included. */
  public List<String> received() {
    return List.copyOf(received);
  }

  /** Successful logins so far. */
  public int logins() {
    return logins.get();
  }

  /** Logins tried so far, refused ones included. */
  public int loginAttempts() {
    return loginAttempts.get();
  }

  /** Clients that answered the greeting with another plugin and were switched to mysql_native_password. */
  public int authSwitches() {
    return authSwitches.get();
  }

  private void acceptLoop() {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        clients.add(client);
        Thread t = new Thread(() -> serve(client), "mysql-wire-client-" + client.getPort());
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    try (client; InputStream in = client.getInputStream(); OutputStream out = client.getOutputStream()) {
      if (!handshake(in, out)) {
        return;
      }
      logins.incrementAndGet();
      while (true) {
        byte[] packet = readPacket(in);
        int command = packet[0] & 0xff;
        if (command == 0x01) {
          return;
        } else if (command == 0x03) {
          String sql = new String(packet, 1, packet.length - 1, StandardCharsets.UTF_8);
          received.add(sql);
          if (!answer(out, replies.apply(sql))) {
            return;
          }
        } else if (command == 0x0e || command == 0x02) {
          writePacket(out, 1, ok());
        } else {
          writePacket(out, 1, error(1047, "08S01", "Unknown command " + command));
        }
      }
    } catch (EOFException | SocketException e) {
      // the client went away
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } finally {
      clients.remove(client);
    }
  }

  private boolean handshake(InputStream in, OutputStream out) throws IOException {
    byte[] scramble = new byte[20];
    for (int i = 0; i < scramble.length; i++) {
      scramble[i] = (byte) (random.nextInt(94) + 33);
    }
    ByteArrayOutputStream g = new ByteArrayOutputStream();
    g.write(10);
    g.writeBytes(nul("8.0.33"));
    int2(g, connectionIds.incrementAndGet());
    int2(g, 0);
    g.write(scramble, 0, 8);
    g.write(0);
    int2(g, CAPABILITIES & 0xffff);
    g.write(UTF8);
    int2(g, 2); // SERVER_STATUS_AUTOCOMMIT
    int2(g, CAPABILITIES >>> 16);
    g.write(21);
    g.write(new byte[10], 0, 10);
    g.write(scramble, 8, 12);
    g.write(0);
    g.writeBytes(nul(NATIVE));
    writePacket(out, 0, g.toByteArray());

    Reader r = new Reader(readPacket(in));
    loginAttempts.incrementAndGet();
    int caps = r.int4();
    r.skip(4 + 1 + 23);
    String login = r.nulString();
    byte[] auth;
    if ((caps & CLIENT_PLUGIN_AUTH_LENENC_DATA) != 0) {
      auth = r.bytes((int) r.lenenc());
    } else {
      auth = r.bytes(r.int1());
    }
    if ((caps & CLIENT_CONNECT_WITH_DB) != 0 && r.remaining() > 0) {
      r.nulString();
    }
    String plugin = (caps & CLIENT_PLUGIN_AUTH) != 0 && r.remaining() > 0 ? r.nulString() : NATIVE;
    int seq = 2;
    if (!NATIVE.equals(plugin)) {
      // what the StarRocks FE does: switch any other plugin to mysql_native_password
      authSwitches.incrementAndGet();
      ByteArrayOutputStream sw = new ByteArrayOutputStream();
      sw.write(0xfe);
      sw.writeBytes(nul(NATIVE));
      sw.writeBytes(scramble);
      sw.write(0);
      writePacket(out, seq, sw.toByteArray());
      auth = readPacket(in);
      seq += 2;
    }
    if (!user.equals(login) || !Arrays.equals(auth, nativeScramble(password, scramble))) {
      writePacket(out, seq, error(1045, "28000",
          "Access denied for user '" + login + "'@'127.0.0.1' (using password: " + (auth.length > 0 ? "YES" : "NO") + ")"));
      return false;
    }
    writePacket(out, seq, ok());
    return true;
  }

  /** mysql_native_password: SHA1(password) XOR SHA1(scramble + SHA1(SHA1(password))). */
  static byte[] nativeScramble(String password, byte[] scramble) {
    if (password == null || password.isEmpty()) {
      return new byte[0];
    }
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      byte[] stage1 = sha1.digest(password.getBytes(StandardCharsets.UTF_8));
      byte[] stage2 = sha1.digest(stage1);
      sha1.update(scramble);
      byte[] mix = sha1.digest(stage2);
      for (int i = 0; i < mix.length; i++) {
        mix[i] ^= stage1[i];
      }
      return mix;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private boolean answer(OutputStream out, Reply reply) throws IOException {
    if (reply instanceof Delayed d) {
      try {
        Thread.sleep(d.millis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      return answer(out, d.then());
    } else if (reply instanceof Drop) {
      return false;
    } else if (reply instanceof Error e) {
      writePacket(out, 1, error(e.code(), e.sqlState(), e.message()));
    } else if (reply instanceof Rows rows) {
      writeRows(out, rows);
    } else {
      writePacket(out, 1, ok());
    }
    return true;
  }

  private void writeRows(OutputStream out, Rows rows) throws IOException {
    int seq = 1;
    ByteArrayOutputStream count = new ByteArrayOutputStream();
    lenenc(count, rows.columns().size());
    writePacket(out, seq++, count.toByteArray());
    for (String column : rows.columns()) {
      ByteArrayOutputStream c = new ByteArrayOutputStream();
      lenencString(c, "def");
      lenencString(c, "");
      lenencString(c, "");
      lenencString(c, "");
      lenencString(c, column);
      lenencString(c, column);
      c.write(0x0c);
      int2(c, UTF8);
      c.writeBytes(new byte[] {(byte) 0xff, (byte) 0xff, 0, 0}); // column length
      c.write(0xfd); // VAR_STRING
      int2(c, 0);
      c.write(0);
      int2(c, 0);
      writePacket(out, seq++, c.toByteArray());
    }
    writePacket(out, seq++, eof());
    for (List<String> row : rows.rows()) {
      ByteArrayOutputStream r = new ByteArrayOutputStream();
      for (String value : row) {
        if (value == null) {
          r.write(0xfb);
        } else {
          lenencString(r, value);
        }
      }
      writePacket(out, seq++, r.toByteArray());
    }
    writePacket(out, seq, eof());
  }

  private static byte[] ok() {
    return new byte[] {0, 0, 0, 2, 0, 0, 0};
  }

  private static byte[] eof() {
    return new byte[] {(byte) 0xfe, 0, 0, 2, 0};
  }

  private static byte[] error(int code, String sqlState, String message) {
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    e.write(0xff);
    int2(e, code);
    e.write('#');
    e.writeBytes(sqlState.getBytes(StandardCharsets.US_ASCII));
    e.writeBytes(message.getBytes(StandardCharsets.UTF_8));
    return e.toByteArray();
  }

  private static byte[] nul(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return Arrays.copyOf(b, b.length + 1);
  }

  private static void int2(ByteArrayOutputStream o, int v) {
    o.write(v & 0xff);
    o.write((v >>> 8) & 0xff);
  }

  private static void lenenc(ByteArrayOutputStream o, long v) {
    if (v < 251) {
      o.write((int) v);
    } else if (v < 0x10000) {
      o.write(0xfc);
      int2(o, (int) v);
    } else {
      o.write(0xfd);
      o.write((int) (v & 0xff));
      o.write((int) ((v >>> 8) & 0xff));
      o.write((int) ((v >>> 16) & 0xff));
    }
  }

  private static void lenencString(ByteArrayOutputStream o, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    lenenc(o, b.length);
    o.writeBytes(b);
  }

  private static void writePacket(OutputStream out, int seq, byte[] payload) throws IOException {
    byte[] header = {(byte) payload.length, (byte) (payload.length >>> 8), (byte) (payload.length >>> 16), (byte) seq};
    out.write(header);
    out.write(payload);
    out.flush();
  }

  private static byte[] readPacket(InputStream in) throws IOException {
    byte[] header = in.readNBytes(4);
    if (header.length < 4) {
      throw new EOFException();
    }
    int length = (header[0] & 0xff) | (header[1] & 0xff) << 8 | (header[2] & 0xff) << 16;
    byte[] payload = in.readNBytes(length);
    if (payload.length < length) {
      throw new EOFException();
    }
    return payload;
  }

  /** Reads the fields of a client packet. */
  private static final class Reader {
    private final byte[] data;
    private int pos;

    Reader(byte[] data) {
      this.data = data;
    }

    int int1() {
      return data[pos++] & 0xff;
    }

    int int4() {
      return int1() | int1() << 8 | int1() << 16 | int1() << 24;
    }

    long lenenc() {
      int first = int1();
      return switch (first) {
        case 0xfc -> int1() | int1() << 8;
        case 0xfd -> int1() | int1() << 8 | int1() << 16;
        case 0xfe -> (long) int4() & 0xffffffffL | (long) int4() << 32;
        default -> first;
      };
    }

    void skip(int n) {
      pos += n;
    }

    int remaining() {
      return data.length - pos;
    }

    byte[] bytes(int n) {
      byte[] b = Arrays.copyOfRange(data, pos, pos + n);
      pos += n;
      return b;
    }

    String nulString() {
      int end = pos;
      while (end < data.length && data[end] != 0) {
        end++;
      }
      String s = new String(data, pos, end - pos, StandardCharsets.UTF_8);
      pos = Math.min(end + 1, data.length);
      return s;
    }
  }

  /** Cuts every open client connection, as a restarting FE does. */
  public void dropClients() {
    for (Socket c : clients) {
      try {
        c.close();
      } catch (IOException e) {
        // already gone
      }
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
    dropClients();
  }
}
