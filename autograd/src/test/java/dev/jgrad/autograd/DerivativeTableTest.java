package dev.jgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the derivative table in {@code ops/package-info.java} and the op classes in step, read from
 * the sources: every op class has one row, every row names an op class, the row's op is the class's
 * {@code name()}, and the row's derivative is the formula in the class's Javadoc.
 */
class DerivativeTableTest {
  private static final Path OPS = Path.of("src/main/java/dev/jgrad/autograd/ops");
  private static final Pattern ROW =
      Pattern.compile(
          "<tr><td>([^<]+)</td> ?<td>([^<]+)</td> ?<td>\\{@link dev\\.jgrad\\.autograd\\.ops\\."
              + "(\\w+)\\}</td></tr>");
  private static final Pattern OP_CLASS =
      Pattern.compile("public final class (\\w+) extends Function");
  private static final Pattern NAME =
      Pattern.compile("public String name\\(\\) \\{\\s*return \"(\\w+)\";");
  private static final Pattern PRE = Pattern.compile("<pre>\\n(.*?)</pre>", Pattern.DOTALL);
  private static final Pattern ENTRY = Pattern.compile("(\\w+): +(.*)");

  /** One op class as its source states it: its name and its formula. */
  private record Op(String name, String formula) {}

  /** One row of the table. */
  private record Row(String op, String formula, String className) {}

  @Test
  void everyOpClassHasARowWithItsNameAndFormula() throws IOException {
    Map<String, Op> ops = opClasses();
    Map<String, Row> rows = new TreeMap<>();
    for (Row row : tableRows()) {
      assertNull(rows.put(row.className(), row), "two rows for " + row.className());
    }
    assertTrue(ops.size() >= 35, "found only " + ops.keySet());
    assertEquals(ops.keySet(), rows.keySet(), "op classes versus table rows");
    for (Map.Entry<String, Op> e : ops.entrySet()) {
      Row row = rows.get(e.getKey());
      String rowName = row.op().split(" ")[0];
      assertEquals(e.getValue().name(), rowName, e.getKey() + ": the row's op is the name()");
      assertEquals(e.getValue().formula(), row.formula(), e.getKey() + ": Javadoc versus table");
    }
  }

  /** Returns the op classes by simple name: the sources that extend Function. */
  private static Map<String, Op> opClasses() throws IOException {
    Map<String, Op> ops = new TreeMap<>();
    try (Stream<Path> files = Files.list(OPS)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String source = Files.readString(file);
        Matcher c = OP_CLASS.matcher(source);
        if (!c.find()) {
          continue;
        }
        Matcher name = NAME.matcher(source);
        Matcher pre = PRE.matcher(source);
        assertTrue(name.find(), c.group(1) + " has no name() returning a literal");
        assertTrue(pre.find() && pre.start() < c.start(), c.group(1) + " has no <pre> formula");
        ops.put(c.group(1), new Op(name.group(1), formula(pre.group(1))));
      }
    }
    return ops;
  }

  /**
   * Returns a Javadoc {@code <pre>} block's formula as the table writes it: its {@code input:
   * derivative} entries joined by "; ", continuation lines joined to their entry.
   */
  private static String formula(String pre) {
    List<String> entries = new ArrayList<>();
    for (String line : pre.split("\n")) {
      String text = line.replaceFirst("^\\s*\\* ?", "");
      if (text.isBlank()) {
        continue;
      }
      if (ENTRY.matcher(text).matches()) {
        entries.add(text);
      } else {
        assertTrue(!entries.isEmpty(), "a formula starts with its input's name: " + pre);
        entries.set(entries.size() - 1, entries.get(entries.size() - 1) + " " + text);
      }
    }
    return normalize(String.join("; ", entries));
  }

  private static List<Row> tableRows() throws IOException {
    StringBuilder text = new StringBuilder();
    for (String line : Files.readAllLines(OPS.resolve("package-info.java"))) {
      text.append(line.replaceFirst("^\\s*\\*", "")).append(' ');
    }
    List<Row> rows = new ArrayList<>();
    Matcher m = ROW.matcher(normalize(text.toString()));
    while (m.find()) {
      rows.add(new Row(m.group(1).trim(), normalize(m.group(2)), m.group(3)));
    }
    return rows;
  }

  private static String normalize(String s) {
    return s.replaceAll("\\s+", " ").trim();
  }
}
